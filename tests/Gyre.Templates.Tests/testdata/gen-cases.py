#!/usr/bin/env python3
"""Writes the generated oracle cases (cases/gen_*.json): small requests, one behaviour each, covering Go's
text/template constructs and errors, fmt verbs and flags, every Sprig 3.2.3 function and Helm's functions.
The expectations come only from the Go oracle: run ./regenerate.sh afterwards."""
import json, os, glob

here = os.path.dirname(os.path.abspath(__file__))
cases = {}

def case(name, tpl, data=None, helm=False, desc=None, **extra):
    name = "gen_" + name
    assert name not in cases, name
    text = tpl if isinstance(tpl, str) else json.dumps(tpl)
    req = {"description": desc or text[:120], "templates": {name: tpl} if isinstance(tpl, str) else tpl,
           "entry": name if isinstance(tpl, str) else extra.pop("entry"), "helm": helm}
    if data is not None:
        req["data"] = data
    req.update(extra)
    cases[name] = req

DATA = {"s": "hello", "n": 42, "f": 2.5, "neg": -7, "zero": 0, "t": True, "fa": False, "nil": None, "e": "",
        "l": [1, "two", 3.5, True, None], "el": [], "m": {"b": 2, "a": 1, "c": {"d": "deep"}}, "em": {},
        "ls": ["c", "a", "b"], "big": 1234567, "tiny": 0.000012, "uni": "héllo wörld", "sp": "  padded  ",
        "nested": {"list": [{"name": "x", "v": 1}, {"name": "y", "v": 2}]}}

# ---- literals and printing ----------------------------------------------------------------------------------
lits = {"int": "42", "negint": "-42", "hex": "0x1F", "octal": "017", "octal_o": "0o17", "binary": "0b101", "underscore": "1_000_000",
        "float": "2.5", "float_exp": "1e3", "float_neg_exp": "1.5e-3", "char": "'a'", "char_escape": "'\\n'", "char_unicode": "'é'",
        "float_dot": ".5", "plus_int": "+3", "hex_upper": "0XFF", "big_float": "1e100", "float_trailing": "3.", "zero_float": "0.0"}
for k, v in lits.items():
    case("literal_" + k, "{{ %s }}|{{ printf \"%%T\" %s }}" % (v, v))
case("literal_strings", '{{ "a\\tb" }}|{{ `raw\\n` }}|{{ "\\u00e9\\x41" }}|{{ "q\\"uote" }}')
case("literal_bool_nil_print", "{{ true }} {{ false }} {{ print nil }}")
case("literal_overflow", "{{ 99999999999999999999 }}")
case("literal_bad_number", "{{ 1x }}")
case("literal_bad_hex", "{{ 0x }}")
for k in ["s", "n", "f", "neg", "zero", "t", "fa", "nil", "e", "l", "el", "m", "em", "ls", "big", "tiny", "uni", "nested"]:
    case("print_data_" + k, "[{{ .%s }}]" % k, DATA)
floats = [0.1, 100000.0, 1000000.0, 123456789.0, 1e21, 1e20, 1e-5, 1e-4, -0.5, 3.0, 2.0**53, 1.0/3, 6.02214076e23, 5e-324, 1.7976931348623157e308]
for i, x in enumerate(floats):
    case("print_float_%d" % i, "{{ .x }}|{{ printf \"%%v %%g %%e %%f %%.3g\" .x .x .x .x .x }}", {"x": x})
case("print_data_int_mode", "{{ .a }} {{ printf \"%T\" .a }} {{ .b }} {{ printf \"%T\" .b }}", {"a": 5, "b": 1.5}, numbers="int")
case("print_data_int64_mode", "{{ .a }} {{ printf \"%T\" .a }} {{ add .a 1 }}", {"a": 5}, numbers="int64")
case("print_nil_data", "[{{ . }}]")
case("print_list_of_maps", "{{ .nested.list }}", DATA)

# ---- trim markers and comments -------------------------------------------------------------------------------
trims = {"left": "a  \n {{- 1 }} b", "right": "a {{ 1 -}} \n  b", "both": "a \n{{- 1 -}}\n b", "none": "a {{ 1 }} b",
         "tab": "a\t{{- 1 -}}\tb", "cr": "a\r\n{{- 1 }}", "minus_number": "{{ -1 }}{{- -2 }}", "no_space_dash": "{{-1}}",
         "comment": "a {{/* c */}} b", "comment_trim": "a {{- /* c */ -}} b", "comment_multiline": "a{{/* line1\nline2 */}}b",
         "comment_unclosed": "{{/* oops }}", "comment_bad_end": "{{/* c */ x }}", "only_spaces": "{{- -}}"}
for k, v in trims.items():
    case("trim_" + k, v)

# ---- variables -------------------------------------------------------------------------------------------------
case("var_declare", "{{ $x := 1 }}{{ $x }}")
case("var_assign", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}")
case("var_scope_if", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}")
case("var_assign_in_if", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}")
case("var_assign_in_range", "{{ $s := 0 }}{{ range .l }}{{ $s = add $s . }}{{ end }}{{ $s }}", {"l": [1, 2, 3]})
case("var_root", "{{ range .l }}{{ $.name }}{{ . }}{{ end }}", {"l": [1, 2], "name": "n"})
case("var_field_chain", "{{ $m := .m }}{{ $m.c.d }}", DATA)
case("var_undefined", "{{ $nope }}")
case("var_assign_undefined", "{{ $nope = 1 }}")
case("var_dollar_missing", "{{ $.missing }}", {})
case("var_range_two", "{{ range $i, $v := .ls }}{{ $i }}:{{ $v }} {{ end }}", DATA)
case("var_range_one", "{{ range $v := .ls }}{{ $v }}{{ end }}", DATA)
case("var_range_map_kv", "{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", DATA)
case("var_range_too_many", "{{ range $a, $b, $c := .ls }}{{ end }}", DATA)
case("var_too_many_decl", "{{ $a, $b := 1 }}")
case("var_range_not_var", "{{ range $a, 1 := .ls }}{{ end }}", DATA)
case("var_in_define_scope", {"main": "{{ $x := 1 }}{{ template \"d\" }}", "d": "{{ $x }}"}, entry="main")
case("var_pipeline_value", "{{ $x := \"a\" | upper }}{{ $x }}")
case("var_declared_printed_nothing", "[{{ $x := 5 }}]")
case("var_with_scope", "{{ with $x := .s }}{{ $x }}{{ . }}{{ end }}", DATA)
case("var_nil_field", "{{ $x := .nil }}[{{ $x.foo }}]", DATA)

# ---- if / with / range -------------------------------------------------------------------------------------------
for k in ["s", "n", "f", "zero", "t", "fa", "nil", "e", "l", "el", "m", "em", "missing"]:
    case("if_truth_" + k, "{{ if .%s }}yes{{ else }}no{{ end }}" % k, DATA)
case("if_else_if_chain", "{{ range .l }}{{ if eq . 1 }}one{{ else if eq . 2 }}two{{ else if eq . 3 }}three{{ else }}many{{ end }} {{ end }}", {"l": [1, 2, 3, 4]}, numbers="int")
case("if_missing_value", "{{ if }}x{{ end }}")
case("if_unclosed", "{{ if true }}x")
case("if_else_twice", "{{ if true }}a{{ else }}b{{ else }}c{{ end }}")
case("if_pipeline_decl", "{{ if $x := .s }}{{ $x }}{{ end }}", DATA)
case("with_basic", "{{ with .m }}{{ .a }}{{ end }}", DATA)
case("with_else", "{{ with .missing }}x{{ else }}none{{ end }}", DATA)
case("with_else_with_unsupported", "{{ with .a }}a{{ else with .b }}b{{ end }}", {"b": 1})
case("with_dot_restored", "{{ with .m }}{{ .a }}{{ end }}{{ .s }}", DATA)
case("with_empty_list", "{{ with .el }}x{{ else }}empty{{ end }}", DATA)
case("range_list", "{{ range .l }}[{{ . }}]{{ end }}", DATA)
case("range_empty_else", "{{ range .el }}x{{ else }}empty{{ end }}", DATA)
case("range_nil_else", "{{ range .nil }}x{{ else }}nil{{ end }}", DATA)
case("range_missing_else", "{{ range .missing }}x{{ else }}missing{{ end }}", DATA)
case("range_map_order", "{{ range .m }}{{ . }};{{ end }}", {"m": {"z": 1, "a": 2, "M": 3, "10": 4, "9": 5}})
case("range_nested", "{{ range .nested.list }}{{ .name }}={{ .v }};{{ end }}", DATA)
case("range_string_error", "{{ range .s }}x{{ end }}", DATA)
case("range_int_error", "{{ range 3 }}x{{ end }}")
case("range_float_error", "{{ range .f }}x{{ end }}", DATA)
case("range_break", "{{ range .l }}{{ if eq (printf \"%v\" .) \"3.5\" }}{{ break }}{{ end }}{{ . }};{{ end }}", DATA)
case("range_continue", "{{ range $i, $v := .ls }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $v }}{{ end }}", DATA)
case("range_break_nested", "{{ range .a }}{{ range .b }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}|{{ end }}", {"a": [{"b": [1, 2, 3]}, {"b": [4, 2]}]}, numbers="int")
case("break_outside_range", "{{ break }}")
case("continue_outside_range", "{{ if true }}{{ continue }}{{ end }}")
case("range_elem_nil_field", "{{ range .l }}{{ .x }}{{ end }}", {"l": [None]})
case("range_dot_nil_print", "{{ range .l }}[{{ . }}]{{ end }}", {"l": [None, 1]})
case("range_over_split_map", "{{ range $k, $v := split \",\" \"a,b,c\" }}{{ $k }}={{ $v }} {{ end }}")
case("range_else_if", "{{ range .el }}x{{ else if true }}y{{ end }}", DATA)
case("range_keyword_as_field", "{{ .range }}", {"range": 1})
case("nested_control", "{{ range .nested.list }}{{ with .name }}{{ if eq . \"y\" }}Y{{ else }}{{ . }}{{ end }}{{ end }}{{ end }}", DATA)

# ---- define / template / block ----------------------------------------------------------------------------------
case("define_and_call", "{{ define \"x\" }}X{{ . }}{{ end }}{{ template \"x\" 1 }}")
case("template_no_pipe", "{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" }}")
case("template_dot", "{{ define \"x\" }}{{ .a }}{{ end }}{{ template \"x\" .m }}", DATA)
case("template_undefined", "{{ template \"nope\" }}")
case("template_raw_name", "{{ define `r` }}raw{{ end }}{{ template `r` }}")
case("template_bad_name", "{{ template x }}")
case("define_bad_name", "{{ define x }}{{ end }}")
case("define_unclosed", "{{ define \"x\" }}abc")
case("define_multiple_same_file", "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}")
case("define_override_other_file", {"a": "{{ define \"x\" }}A{{ end }}", "b": "{{ define \"x\" }}B{{ end }}", "main": "{{ template \"x\" }}"}, entry="main")
case("define_empty_does_not_override", {"a": "{{ define \"x\" }}A{{ end }}", "b": "{{ define \"x\" }}  {{ end }}", "main": "{{ template \"x\" }}"}, entry="main")
case("block_default", "{{ block \"b\" . }}default {{ .s }}{{ end }}", DATA)
case("block_overridden", {"main": "{{ block \"b\" . }}default{{ end }}", "z": "{{ define \"b\" }}over{{ end }}"}, entry="main")
case("template_recursion", "{{ define \"r\" }}{{ if gt (len .) 0 }}{{ first . }}{{ template \"r\" (rest .) }}{{ end }}{{ end }}{{ template \"r\" .ls }}", DATA)
case("template_infinite_recursion", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}")
case("template_error_inside", "{{ define \"x\" }}\n  {{ .a.b }}{{ end }}{{ template \"x\" . }}", {"a": None})
case("entry_is_define", {"file": "{{ define \"inner\" }}I{{ . }}{{ end }}"}, entry="inner", data=3)
case("entry_missing", {"file": "x"}, entry="nope")
case("entry_only_defines", {"file": "{{ define \"a\" }}A{{ end }}\n"}, entry="file")
case("template_pipe_in_define", "{{ define \"x\" }}{{ . | upper }}{{ end }}{{ template \"x\" \"abc\" }}")

# ---- pipelines and parens ---------------------------------------------------------------------------------------
case("pipe_chain", "{{ \"abc\" | upper | printf \"%s!\" }}")
case("pipe_final_arg", "{{ 3 | printf \"%d-%d\" 1 }}")
case("parens", "{{ (len \"abc\") }}{{ printf \"%d\" (add 1 (mul 2 3)) }}")
case("parens_field", "{{ (.m).a }}{{ (index .nested.list 1).name }}", DATA)
case("paren_unclosed", "{{ (1 }}")
case("paren_extra", "{{ 1) }}")
case("pipe_non_executable", "{{ 1 | 2 }}")
case("pipe_into_nonfunction", "{{ 1 | .s }}", DATA)
case("pipe_missing_command", "{{ 1 | }}")
case("empty_action", "{{ }}")
case("dot_after_literal", "{{ \"a\".b }}")
case("nil_command", "{{ nil }}")
case("nil_chain", "{{ (nil).a }}")
case("arg_to_nonfunction", "{{ .s 1 }}", DATA)
case("field_on_string", "{{ .s.x }}", DATA)
case("field_on_var_string", "{{ $s := .s }}{{ $s.x }}", DATA)
case("field_on_int", "{{ .n.x }}", DATA)
case("field_nil_chain", "{{ .nil.x.y }}", DATA)
case("field_missing_chain", "[{{ .missing.x.y }}]", DATA)
case("field_has_args", "{{ .m 1 }}", DATA)
case("bad_character", "{{ .a@b }}")
case("unrecognized_char", "{{ # }}")
case("unclosed_action", "{{ .a ")
case("unclosed_action_multiline", "{{ if\n .a\n")
case("unexpected_end", "{{ end }}")
case("unexpected_else", "{{ else }}")
case("unterminated_string", "{{ \"abc }}")
case("unterminated_raw", "{{ `abc }}")
case("unterminated_char", "{{ 'a }}")
case("bad_unquote", "{{ \"\\q\" }}")
case("colon_without_equal", "{{ $x : 1 }}")
case("function_undefined_in_pipe", "{{ 1 | nosuch }}")
case("wrong_args_fixed", "{{ upper \"a\" \"b\" }}")
case("wrong_args_variadic", "{{ printf }}")
case("wrong_args_with_final", "{{ \"a\" | repeat 1 2 }}")
case("wrong_type_string", "{{ upper 3 }}")
case("wrong_type_field", "{{ upper .n }}", DATA)
case("wrong_type_nil_field", "{{ upper .nil }}", DATA)
case("wrong_type_missing_field", "{{ upper .missing }}", DATA)
case("wrong_type_int_from_float_literal", "{{ repeat 2.5 \"a\" }}")
case("wrong_type_int_from_string", "{{ repeat \"2\" \"a\" }}")
case("nil_to_string", "{{ upper nil }}")
case("nil_to_any", "{{ printf \"%v\" nil }}")
case("bool_to_string", "{{ upper true }}")
case("func_as_arg_value", "{{ upper (print 1) }}")
case("method_on_map_value", "{{ .m.c.d | len }}", DATA)
case("ident_as_arg", "{{ printf \"%s\" now | len | lt 0 }}")

# ---- missingkey ----------------------------------------------------------------------------------------------------
for opt in ["default", "invalid", "zero", "error"]:
    case("missingkey_%s_print" % opt, "[{{ .missing }}]", DATA, options=["missingkey=" + opt])
    case("missingkey_%s_nested" % opt, "[{{ .missing.x }}]", DATA, options=["missingkey=" + opt])
    case("missingkey_%s_func" % opt, "[{{ .missing | quote }}]", DATA, options=["missingkey=" + opt])
    case("missingkey_%s_split_map" % opt, "[{{ (split \",\" \"a\")._9 }}]", options=["missingkey=" + opt])
    case("missingkey_%s_nil_data" % opt, "[{{ .x }}]", options=["missingkey=" + opt])
case("option_unknown", "x", options=["bogus=1"])

# ---- builtins ------------------------------------------------------------------------------------------------------
ao = ["and 1 0", "and 1 2", "and 0 (fail \"no\")", "or 0 \"\"", "or 0 3", "or 1 (fail \"no\")", "and .t .s", "or .nil .e .l", "and", "not 0", "not .l",
      "not .el", "not .nil", "and .missing 1", "or .missing", "not 1 2"]
for i, e in enumerate(ao):
    case("and_or_not_%d" % i, "{{ %s }}" % e, DATA)
lens = ["len .s", "len .uni", "len .l", "len .m", "len .el", "len .nil", "len 3", "len .missing", "len (list 1 2)", "len (dict)", "len \"\"", "len (split \",\" \"a,b\")"]
for i, e in enumerate(lens):
    case("len_%d" % i, "{{ %s }}" % e, DATA)
idx = ["index .l 1", "index .m \"a\"", "index .m \"zz\"", "index .m \"c\" \"d\"", "index .nested.list 1 \"name\"", "index .l 10", "index .l -1",
       "index .l 1.0", "index .s 1", "index .nil 0", "index .missing 0", "index .l", "index .n 0", "index .m 1", "index .l \"a\"",
       "index (list (list 1 2) (list 3 4)) 1 0", "index .ls 5"]
for i, e in enumerate(idx):
    case("index_%d" % i, "[{{ %s }}]" % e, DATA)
case("index_nil_field_elem", "[{{ index .l 4 }}]", DATA)
case("index_zero_option", "[{{ index .m \"zz\" }}]", DATA, options=["missingkey=zero"])
sl = ["slice .s 1 3", "slice .s 2", "slice .s", "slice .ls 1", "slice .ls 0 2", "slice .ls 1 2 3", "slice .ls 2 1", "slice .ls 0 10",
      "slice .s 1 2 3", "slice .n 1", "slice .nil 1"]
for i, e in enumerate(sl):
    case("builtin_slice_%d" % i, "{{ define \"x\" }}{{ %s }}{{ end }}{{ template \"x\" . }}" % e, DATA, desc="text/template's slice (Sprig's slice overrides it in plain mode too)")
prints = ["print 1 2", "print \"a\" \"b\"", "print 1 \"a\" 2", "print .l .m", "print nil", "print .missing", "println 1 \"a\" nil", "println",
          "print", "print 1.0 2.5", "print .t .fa", "print .nested"]
for i, e in enumerate(prints):
    case("print_fn_%d" % i, "[{{ %s }}]" % e, DATA)
esc = ["html \"<a href='x'>&\\\"</a>\"", "html 1 2", "html .nil", "html .missing", "js \"it's <b> & \\\"q\\\" = \\\\ \\n é\"", "js 1 \"a\"",
       "urlquery \"a b&c=d/é?\"", "urlquery 1 2", "urlquery .missing", "html .l", "js \"\\u2028\\u0001\""]
for i, e in enumerate(esc):
    case("escaper_%d" % i, "[{{ %s }}]" % e, DATA)
case("call_nil", "{{ call .nil }}", DATA)
case("call_missing", "{{ call .missing }}", DATA)
case("call_string", "{{ call \"x\" }}")
cmp_exprs = ["eq 1 1", "eq 1 2", "eq 1 2 3 1", "eq \"a\" \"a\"", "eq .s \"hello\"", "eq .n 42.0", "eq .n 42", "eq .t true", "eq .nil .nil",
             "eq .nil 1", "eq .missing .nil", "eq .m .m", "eq .l 1", "eq 1 .l", "eq .em .em", "eq 1", "ne 1 2", "ne \"a\" \"a\"", "ne 1 1.0",
             "lt 1 2", "lt 2 1", "lt \"a\" \"b\"", "lt 1.5 2.5", "lt .n 50.0", "lt true false", "lt .nil 1", "lt .l .l", "le 2 2", "le 3 2",
             "gt 3 2", "gt \"b\" \"a\"", "ge 2 2", "ge 1 2", "ge 1 2.0", "gt .missing 1", "eq (int64 3) 3", "lt (int64 3) 4", "eq (len .s) 5",
             "eq .s .n", "ne .nil .s", "eq true 1", "le \"a\" \"a\"", "eq (semver \"1.0.0\") (semver \"1.0.0\")", "eq 'a' 97", "lt 'a' 'b'"]
for i, e in enumerate(cmp_exprs):
    case("compare_%d" % i, "{{ %s }}" % e, DATA)

# ---- fmt verbs -----------------------------------------------------------------------------------------------------
vals = {"int": "42", "negint": "-42", "zeroint": "0", "float": "3.14159", "negfloat": "-2.5", "bigfloat": ".big", "tinyfloat": ".tiny",
        "str": "\"hi\"", "unistr": "\"héllo\"", "quotestr": "\"a\\\"b\\n\"", "bool": "true", "nil": "nil", "list": ".ls", "map": ".m",
        "mixedlist": ".l", "char": "'x'", "emptystr": "\"\""}
verbs = ["%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%o", "%O", "%b", "%e", "%E", "%f", "%F", "%g", "%G", "%t", "%c", "%U", "%#U", "%T",
         "%5d", "%-5d|", "%05d", "%+d", "% d", "%.2f", "%8.3f", "%-8.3f|", "%08.3f", "%+.1e", "%10s|", "%-10s|", "%.3s", "%6.2s|", "%#x", "%#o",
         "% x", "%#q", "%+q", "%010v", "%.0f", "%.10g", "%x|%X", "%5t|", "%3c|", "%-4q|", "%.1v", "%#g", "%#.3e", "% .2f", "%+v|%v"]
for vi, (vk, vv) in enumerate(vals.items()):
    for i, verb in enumerate(verbs):
        n = verb.count("%")
        case("fmt_%s_%02d" % (vk, i), "{{ printf %s %s }}" % (json.dumps(verb), " ".join([vv] * n)), DATA, desc="printf %s on %s" % (verb, vk)) if (vi + i) % 3 == 0 or vk in ("int", "float", "str") else None
fmt_misc = {"missing": "printf \"%d %d\" 1", "extra": "printf \"%d\" 1 2 \"x\"", "extra_nil": "printf \"x\" nil", "noverb": "printf \"abc%\"",
            "percent": "printf \"100%%\"", "index": "printf \"%[2]d %[1]d\" 1 2", "bad_index": "printf \"%[3]d\" 1 2", "star_width": "printf \"%*d|\" 5 42",
            "star_prec": "printf \"%.*f\" 2 3.14159", "bad_width": "printf \"%*d\" \"x\" 1", "star_neg": "printf \"%*d|\" -5 42",
            "unicode_verb": "printf \"%é\" 1", "no_args": "printf \"plain\"", "width_unicode": "printf \"%6s|\" \"é\"", "sprint_spaces": "print 1 2 \"a\" \"b\" 3",
            "sprint_list_strings": "print .ls \"x\"", "verbs_on_list": "printf \"%d\" .l", "verbs_on_map": "printf \"%s\" .m", "q_on_map": "printf \"%q\" .ls",
            "x_on_list": "printf \"%x\" .ls", "v_nested": "printf \"%v\" .nested", "plusv_nested": "printf \"%+v\" .nested", "T_list": "printf \"%T %T %T\" .l .m .ls",
            "T_sprig": "printf \"%T %T %T %T\" (list 1) (dict) (splitList \",\" \"a\") (until 2)", "d_on_float_in_list": "printf \"%d\" (list 1.5 2)",
            "int64_verbs": "printf \"%d %x %T\" (int64 255) (int64 255) (int64 1)", "uint_semver": "printf \"%d %T\" (semver \"1.2.3\").Major (semver \"1.2.3\").Major",
            "nan_inf": "printf \"%v %v %v %5.1f|\" (float64 \"NaN\") (float64 \"Inf\") (float64 \"-Inf\") (float64 \"Inf\")",
            "neg_zero": "printf \"%v %.1f\" (mulf -1 0) (mulf -1 0)", "large_prec": "printf \"%.20f\" 0.1", "g_prec_big": "printf \"%.3g %.3g %g\" 1234567.0 0.00001234 100000.0",
            "e_small": "printf \"%e %E\" 0.0 1e-300", "hex_neg": "printf \"%x %X %o %b\" -255 -255 -8 -5", "c_invalid": "printf \"%c\" -1",
            "q_int": "printf \"%q %+q\" 233 233", "U_big": "printf \"%U %#U\" 128512 128512", "s_bool": "printf \"%s\" true", "width_map": "printf \"%6v|\" .m"}
for k, v in fmt_misc.items():
    case("fmt_misc_" + k, "[{{ %s }}]" % v, DATA)

# ---- Sprig: one small case per call ------------------------------------------------------------------------------
SD = dict(DATA)
SD.update({"words": "The quick brown fox", "csv": "a,b,,c", "path": "/a/b/../c/file.tar.gz", "url": "https://user:pw@example.com:8443/p/a?q=1&r=2#frag",
           "json": "{\"a\": [1, 2, {\"b\": null}], \"c\": \"<x>\"}", "yaml": "a: 1\nb: [x, y]\n", "num_s": "42", "float_s": "3.75", "hex_s": "0x1F",
           "dict1": {"a": 1, "b": {"x": 1, "y": 2}, "l": [1]}, "dict2": {"b": {"y": 20, "z": 30}, "c": 3, "l": [2, 3], "e": ""}})
sprig = {
    # strings
    "upper": ['upper "abc"', 'upper .uni'], "lower": ['lower "ABC"', 'lower "ÀÉ"'], "title": ['title .words', 'title "hello_world-x y.z"', 'title "élan vital"'],
    "untitle": ['untitle "Hello World"', 'untitle "ABC"'], "trim": ['trim .sp', 'trim "\\t x \\n"'], "trimAll": ['trimAll "$" "$$5.00$"', 'trimall "ab" "abcba"'],
    "trimSuffix": ['trimSuffix "-" "hello-"', 'trimSuffix "x" "hello"'], "trimPrefix": ['trimPrefix "-" "-hello"', 'trimPrefix "x" "hello"'],
    "repeat": ['repeat 3 "ab"', 'repeat 0 "x"', 'repeat -1 "x"'], "substr": ['substr 0 5 .words', 'substr 4 -1 .words', 'substr -1 3 .words', 'substr 2 100 "abc"', 'substr 5 2 "abcdef"'],
    "trunc": ['trunc 5 .words', 'trunc -3 .words', 'trunc 100 "abc"', 'trunc -100 "abc"'], "abbrev": ['abbrev 5 "hello world"', 'abbrev 3 "hello"', 'abbrev 20 "hello"', 'abbrev 4 "hello"'],
    "abbrevboth": ['abbrevboth 5 10 "1234 5678 9123"', 'abbrevboth 0 8 "abcdefghijkl"', 'abbrevboth 1 3 "abc"'],
    "nospace": ['nospace "a b\\tc\\nd"'], "initials": ['initials .words', 'initials "  a  b "'], "swapcase": ['swapcase "Hello World"', 'swapcase "hello wORLD x"'],
    "camelcase": ['camelcase "http_server"', 'camelcase "_leading_under"', 'camelcase "a-b c"', 'camelcase "x"'],
    "snakecase": ['snakecase "FirstName"', 'snakecase "HTTPServer"', 'snakecase "NoHTTPS"', 'snakecase "GO_PATH"', 'snakecase "GO PATH"', 'snakecase "GO-PATH"', 'snakecase "http2xx"', 'snakecase "HTTP20xOK"', 'snakecase "Duration2m3s"', 'snakecase "Bld4Floor3rd"', 'snakecase "a (b) c"'],
    "kebabcase": ['kebabcase "FirstName"', 'kebabcase "HTTPServer"', 'kebabcase "my_var name"'],
    "wrap": ['wrap 10 .words', 'wrap 3 "abcdefgh ij"', 'wrap 0 "a b"'], "wrapWith": ['wrapWith 5 "\\t" "Hello World"', 'wrapWith 3 "|" "abcdefgh"'],
    "contains": ['contains "cat" "catch"', 'contains "x" "abc"'], "hasPrefix": ['hasPrefix "ca" "cat"', 'hasPrefix "x" "cat"'], "hasSuffix": ['hasSuffix "at" "cat"'],
    "quote": ['quote "a\\"b"', 'quote 1 2.5 true', 'quote .nil "x"', 'quote', 'quote .l', 'quote .missing'], "squote": ['squote "a"', 'squote 1 .nil true', 'squote .m'],
    "cat": ['cat "a" 1 nil "b"', 'cat', 'cat .l'], "indent": ['indent 2 "a\\nb"', 'indent 0 "x"', 'indent 3 ""'], "nindent": ['nindent 2 "a\\nb"'],
    "replace": ['replace " " "-" .words', 'replace "" "-" "abc"', 'replace "x" "" "axbx"'], "plural": ['plural "one" "many" 1', 'plural "one" "many" 2', 'plural "one" "many" 0'],
    "toString": ['toString 1', 'toString 2.5', 'toString .big', 'toString true', 'toString .nil', 'toString .l', 'toString .m', 'toString (int64 5)', 'toString .missing'],
    "split": ['split "," .csv', 'split "" "abc"', '(split "," .csv)._1'], "splitn": ['splitn "," 2 .csv', 'splitn "," 0 .csv', 'splitn "," -1 .csv'],
    "splitList": ['splitList "," .csv', 'splitList "" "abc"', 'splitList "," ""'], "toStrings": ['toStrings .l', 'toStrings "a"', 'toStrings .nil', 'toStrings (list 1 nil 2)'],
    "join": ['join "-" .ls', 'join ", " .l', 'join "-" "single"', 'join "-" (list)', 'join "" .nil'], "sortAlpha": ['sortAlpha .ls', 'sortAlpha (list "b" 10 "a" 2)', 'sortAlpha "x"'],
    "randomish": ['randAlpha 7 | len', 'randAlphaNum 9 | len', 'randNumeric 4 | len', 'randAscii 6 | len', 'regexMatch "^[0-9]+$" (randNumeric 8)', 'randAlpha 0 | len', 'shuffle "aaaa"'],
    "hello": ['hello'],
    # conversions and reflection
    "atoi": ['atoi "42"', 'atoi "4x"', 'atoi " 1"', 'atoi "-3"', 'atoi "9999999999999"'],
    "int": ['int 2.9', 'int -2.9', 'int "42"', 'int "4.0"', 'int "4.5"', 'int "0x1F"', 'int "010"', 'int "08"', 'int true', 'int .nil', 'int .l', 'int (int64 7)', 'int "1e3"', 'int .big'],
    "int64": ['int64 2.9', 'int64 "12"', 'int64 "abc"', 'typeOf (int64 1)'], "float64": ['float64 "3.75"', 'float64 3', 'float64 "abc"', 'float64 true', 'float64 "1e3"', 'float64 ".5"', 'float64 .nil'],
    "toDecimal": ['toDecimal "0777"', 'toDecimal 777', 'toDecimal "8"', 'toDecimal "-10"'],
    "typeOf": ['typeOf .s', 'typeOf .n', 'typeOf .l', 'typeOf .m', 'typeOf .nil', 'typeOf 1', 'typeOf (splitList "," "a")', 'typeOf (until 3)', 'typeOf (semver "1.0.0")', 'typeOf now', 'typeOf (split "," "a")', 'typeOf .missing'],
    "typeIs": ['typeIs "string" .s', 'typeIs "int" .n', 'typeIs "float64" .n'], "typeIsLike": ['typeIsLike "semver.Version" (semver "1.0.0")', 'typeIsLike "string" "x"'],
    "kindOf": ['kindOf .s', 'kindOf .n', 'kindOf .l', 'kindOf .m', 'kindOf .nil', 'kindOf 1', 'kindOf true', 'kindOf (semver "1.0.0")', 'kindOf now'],
    "kindIs": ['kindIs "map" .m', 'kindIs "slice" .l', 'kindIs "int" 1.0'], "deepEqual": ['deepEqual .m .m', 'deepEqual (list 1 2) (list 1 2)', 'deepEqual 1 1.0', 'deepEqual (dict "a" 1) (dict "a" 1)', 'deepEqual .nil .nil'],
    # math
    "add": ['add 1 2 3', 'add', 'add 1.9 1.9', 'add "3" 4', 'add .n .f', 'typeOf (add 1 2)'], "add1": ['add1 41', 'add1 "x"', 'add1 1.5'], "sub": ['sub 10 3', 'sub 1.5 0.6', 'sub "a" 1'],
    "mul": ['mul 2 3 4', 'mul 2', 'mul 2.5 2'], "div": ['div 10 3', 'div -7 2', 'div 1 0', 'div 7.9 2'], "mod": ['mod 10 3', 'mod -7 3', 'mod 1 0'],
    "max": ['max 1 5 3', 'max -1', 'max 1.9 1', 'biggest 3 9'], "min": ['min 4 2 8', 'min "3" 5'], "maxf": ['maxf 1.5 2.5 -1', 'maxf 1'], "minf": ['minf 1.5 2.5 -1', 'minf "x" 2'],
    "ceil": ['ceil 1.1', 'ceil -1.1', 'ceil "2.5"'], "floor": ['floor 1.9', 'floor -1.1', 'floor 3'], "round": ['round 3.14159 2', 'round 2.5 0', 'round -2.5 0', 'round 1.234 1 0.3', 'round 1.5 0 0.6', 'round 12345.678 -2'],
    "addf": ['addf 1.1 2.2', 'addf', 'addf 1 "2.5" true', 'typeOf (addf 1 1)'], "add1f": ['add1f 1.5', 'add1f "x"'], "subf": ['subf 10 0.1 0.2', 'subf 1'],
    "mulf": ['mulf 1.1 3', 'mulf 0.1 0.2'], "divf": ['divf 1 3', 'divf 10 4', 'divf 1 0', 'divf 2 3 4'],
    "until": ['until 5', 'until -3', 'until 0'], "untilStep": ['untilStep 0 10 3', 'untilStep 10 0 -4', 'untilStep 0 10 -1', 'untilStep 0 0 1'],
    "seq": ['seq 5', 'seq 3 6', 'seq 6 3', 'seq 0 2 10', 'seq 10 -3 1', 'seq 1 2 3 4', 'seq 0', 'seq -2', 'seq 10 3 1'],
    "randInt": ['lt (randInt 1 5) 5', 'ge (randInt 1 5) 1', 'randInt 5 5'],
    # lists
    "list": ['list 1 "a" nil', 'list', 'tuple 1 2'], "first": ['first .ls', 'first .el', 'first .nil', 'first "abc"', 'mustFirst .ls'], "last": ['last .ls', 'last .el', 'mustLast 1'],
    "rest": ['rest .ls', 'rest .el', 'rest (list 1)'], "initial": ['initial .ls', 'initial .el', 'mustInitial .m'],
    "append": ['append .ls "d"', 'push .el 1', 'append .nil 1', 'append "x" 1', 'mustAppend (list) 1', 'mustPush 1 2'],
    "prepend": ['prepend .ls "z"', 'prepend 1 2', 'mustPrepend .el 0'], "reverse": ['reverse .ls', 'reverse .el', 'reverse "x"', 'mustReverse (list 1 2)'],
    "uniq": ['uniq (list 1 2 1 "a" "a" 1.0)', 'uniq (list (list 1) (list 1))', 'uniq "x"'], "compact": ['compact (list 0 1 "" "a" nil false true (list) (dict))', 'mustCompact 1'],
    "without": ['without .ls "a"', 'without (list 1 2 3 1) 1 3', 'without 1 1'], "has": ['has "a" .ls', 'has 1 .l', 'has 1.0 .l', 'has "x" .nil', 'has 1 "abc"', 'mustHas 1 (list 1)'],
    "slice": ['slice .ls 1', 'slice .ls 0 2', 'slice .ls', 'slice .el 0', 'slice "abc" 1', 'slice .ls 1 0', 'slice (splitList "," "a,b,c") 1', 'typeOf (slice (splitList "," "a,b,c") 1)', 'mustSlice .ls "1"'],
    "concat": ['concat .ls (list 1) .el', 'concat', 'concat .ls "x"', 'concat (splitList "," "a,b") (until 2)'], "chunk": ['chunk 2 (list 1 2 3 4 5)', 'chunk 3 (list 1 2 3)', 'chunk 2 .el', 'mustChunk 2 "x"'],
    # dicts
    "dict": ['dict "a" 1 "b" 2', 'dict "a"', 'dict', 'dict 1 2 true 3', 'dict "a" 1 "a" 2'], "get": ['get .m "a"', 'get .m "zz"', 'get .nil "a"'],
    "set": ['set (dict) "a" 1', '$d := dict "x" 1 }}{{ $_ := set $d "y" 2 }}{{ $d', 'set .nil "a" 1'], "unset": ['unset (dict "a" 1 "b" 2) "a"', 'unset (dict) "x"'],
    "hasKey": ['hasKey .m "a"', 'hasKey .m "zz"', 'hasKey .nil "a"'], "pluck": ['pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3)', 'pluck "a"'],
    "keys": ['keys .m | sortAlpha', 'keys (dict "a" 1) (dict "b" 2 "a" 3) | sortAlpha', 'keys'], "pick": ['pick .m "a" "c" "zz"', 'pick .m'], "omit": ['omit .m "a"', 'omit .m'],
    "values": ['values (dict "a" 1)', 'values .em', 'values .m | len'],
    "merge": ['merge (dict "a" 1 "b" (dict "x" 1)) (dict "a" 2 "b" (dict "y" 2) "c" 3)', 'merge .dict1 .dict2', 'merge (dict) .dict2', 'merge (dict "a" "") (dict "a" "x")', 'merge (dict "a" 0) (dict "a" 5)', 'merge (dict "l" (list 1)) (dict "l" (list 2))', 'mustMerge (dict) (dict "a" nil)'],
    "mergeOverwrite": ['mergeOverwrite .dict1 .dict2', 'mergeOverwrite (dict "a" 1) (dict "a" "")', 'mergeOverwrite (dict "a" 1) (dict "a" nil)', 'mergeOverwrite (dict "a" (dict "x" 1)) (dict "a" "s")', 'mergeOverwrite (dict "a" "s") (dict "a" (dict "x" 1))', 'mustMergeOverwrite (dict "l" (list 1 2)) (dict "l" (list 3))'],
    "deepCopy": ['deepCopy .m', 'deepCopy .l', 'deepCopy 1', 'mustDeepCopy .nil'], "dig": ['dig "c" "d" "default" .m', 'dig "c" "zz" "default" .m', 'dig "a" "x" .m', 'dig "a" .m'],
    # defaults / flow
    "default": ['default "d" .s', 'default "d" .e', 'default "d" .missing', 'default "d" .nil', 'default "d" 0', 'default "d" .el', 'default "d" .em', 'default "d" false', 'default "d"', '.missing | default "piped"', 'default "d" .f'],
    "empty": ['empty .e', 'empty .s', 'empty 0', 'empty .zero', 'empty .nil', 'empty .missing', 'empty .el', 'empty .m', 'empty false', 'empty (semver "0.0.0")'],
    "coalesce": ['coalesce .nil .e "x" "y"', 'coalesce .nil .e', 'coalesce 0 .el 3'], "all": ['all 1 "a" .l', 'all 1 ""', 'all'], "any": ['any 0 "" .nil', 'any 0 1', 'any'],
    "ternary": ['ternary "y" "n" true', 'ternary "y" "n" false', 'ternary 1 2 .t', 'true | ternary "y" "n"'],
    "fail": ['fail "boom"', 'fail ""'],
    "toJson": ['toJson .m', 'toJson .l', 'toJson .s', 'toJson "<a&b>"', 'toJson .nil', 'toJson 1.5', 'toJson .big', 'toJson (list 1e21 1e-7 0.1)', 'toJson (float64 "NaN")', 'toJson .nested'],
    "toPrettyJson": ['toPrettyJson .m', 'toPrettyJson .el', 'toPrettyJson .em', 'toPrettyJson (dict "a" (list 1 (dict "b" 2)))'], "toRawJson": ['toRawJson (dict "a" "<&>")', 'toRawJson .l'],
    "mustToJson": ['mustToJson .m', 'mustToJson (float64 "Inf")'], "mustToPrettyJson": ['mustToPrettyJson (list)'], "mustToRawJson": ['mustToRawJson "x<"'],
    "fromJson": ['(fromJson .json).c', 'fromJson "[1,2]"', 'fromJson "bad"', 'fromJson "{\\"a\\":1}" | toJson', 'typeOf (fromJson "1")'], "mustFromJson": ['mustFromJson "{\\"a\\": 1}"', 'mustFromJson "nope"', 'mustFromJson ""'],
    # encodings and hashes
    "b64enc": ['b64enc "hello world"', 'b64enc ""', 'b64enc .uni'], "b64dec": ['b64dec "aGVsbG8gd29ybGQ="', 'b64dec "not base64!"', 'b64dec "aGk"'],
    "b32enc": ['b32enc "hello"', 'b32enc "a"'], "b32dec": ['b32dec "NBSWY3DP"', 'b32dec "!!"'],
    "sha1sum": ['sha1sum "abc"'], "sha256sum": ['sha256sum "abc"', 'sha256sum ""'], "adler32sum": ['adler32sum "abc"', 'adler32sum "Wikipedia"'],
    "uuidv4": ['uuidv4 | len', 'regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4'],
    "randBytes": ['randBytes 3 | len'],
    # regex
    "regexMatch": ['regexMatch "^[a-z]+$" "abc"', 'regexMatch "^[a-z]+$" "ab1"', 'regexMatch "(" "x"', 'regexMatch "a|b" "xbx"'],
    "mustRegexMatch": ['mustRegexMatch "a+" "caat"', 'mustRegexMatch "[" "x"', 'mustRegexMatch "a**" "x"', 'mustRegexMatch ")" "x"', 'mustRegexMatch "*a" "x"'],
    "regexFindAll": ['regexFindAll "[0-9]+" "a1b22c333" -1', 'regexFindAll "[0-9]+" "a1b22c333" 2', 'regexFindAll "x*" "abc" -1', 'regexFindAll "[0-9]+" "abc" -1', 'regexFindAll "[0-9]+" "a1" 0'],
    "regexFind": ['regexFind "[0-9]+" "ab12cd34"', 'regexFind "z" "abc"', 'mustRegexFind "(?P<n>[a-z])" "1a"'],
    "regexReplaceAll": ['regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"', 'regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W"', 'regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "$last, $first"', 'regexReplaceAll "x*" "abc" "-"', 'regexReplaceAll "b" "abc" "$$"'],
    "regexReplaceAllLiteral": ['regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}"', 'mustRegexReplaceAllLiteral "[" "x" "y"'],
    "regexSplit": ['regexSplit "z+" "pizza" -1', 'regexSplit "z+" "pizza" 1', 'regexSplit "" "abc" -1', 'regexSplit "a" "banana" 2', 'regexSplit "x" "" -1', 'regexSplit "a" "aaa" -1', 'regexSplit "z" "pizza" 0'],
    "regexQuoteMeta": ['regexQuoteMeta "1.5+[x]*?(a|b){2}^$\\\\"'],
    # semver
    "semver": ['(semver "1.2.3-beta.1+build").Major', '(semver "v1.2").Minor', '(semver "1.2.3-beta.1+build").Prerelease', '(semver "1.2.3+meta").Metadata', '(semver "v1.2").Original', 'semver "1.2"', 'semver "bad"', '(semver "1.2.3").Patch', 'semver "01.2.3"', 'semver "1.2.3.4"'],
    "semverCompare": ['semverCompare ">=1.2.0" "1.3.0"', 'semverCompare "<1.0" "1.0.0"', 'semverCompare "^1.2" "1.9.9"', 'semverCompare "^1.2" "2.0.0"', 'semverCompare "~1.2.3" "1.2.9"', 'semverCompare "~1.2.3" "1.3.0"', 'semverCompare "1.x" "1.5.0"', 'semverCompare "*" "5.0.0"', 'semverCompare ">=1.0.0" "1.1.0-alpha"', 'semverCompare ">=1.0.0-0" "1.1.0-alpha"', 'semverCompare "1.0 - 2.0" "1.5.0"', 'semverCompare ">1, <3 || =5" "5.0.0"', 'semverCompare "!=1.2.3" "1.2.3"', 'semverCompare "bad constraint!" "1.0.0"', 'semverCompare "^0.2.3" "0.2.9"', 'semverCompare "^0.2.3" "0.3.0"', 'semverCompare "=1.2.3" "v1.2.3"', 'semverCompare ">= 1.2" "1.2.0"'],
    # dates on fixed inputs
    "date": ['date "2006-01-02" (toDate "2006-01-02" "2023-05-04")', 'date "Mon Jan 2 15:04:05 MST 2006" (toDate "2006-01-02 15:04" "2021-12-31 23:59")', 'date "02/01/06 3:04PM .000" (toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T13:05:09Z")', 'date "2006" 0', 'date "2006-01-02 15:04:05" (int64 1700000000)', 'date "January _2 Monday" (toDate "2006-01-02" "2024-07-04")'],
    "dateInZone": ['dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02 15:04" "2023-05-04 13:14") "UTC"', 'dateInZone "15:04 -07:00" (toDate "2006-01-02 15:04" "2023-01-04 13:14") "America/New_York"', 'dateInZone "15:04" (int64 0) "Asia/Kolkata"', 'date_in_zone "2006" (int64 0) "Nowhere/Bogus"'],
    "htmlDate": ['htmlDate (toDate "2006-01-02" "2019-03-10")', 'htmlDateInZone (toDate "2006-01-02 15:04" "2019-03-10 23:00") "Asia/Tokyo"'],
    "dateModify": ['dateModify "1h30m" (toDate "2006-01-02 15:04" "2023-05-04 13:14") | date "15:04"', 'dateModify "-48h" (toDate "2006-01-02" "2023-05-04") | date "2006-01-02"', 'dateModify "bogus" (toDate "2006-01-02" "2023-05-04") | date "2006-01-02"', 'mustDateModify "bogus" (toDate "2006-01-02" "2023-05-04")', 'date_modify "1.5h" (toDate "2006-01-02" "2023-05-04") | date "15:04"'],
    "toDate": ['toDate "2006-01-02" "2017-12-31"', 'toDate "2006-01-02" "bad"', '(toDate "2006-01-02" "2017-12-31").Year', 'toDate "2006-01-02T15:04:05Z07:00" "2017-12-31T10:00:00+02:00"'],
    "unixEpoch": ['unixEpoch (toDate "2006-01-02" "2020-01-01")', 'toDate "2006-01-02" "1970-01-02" | unixEpoch'],
    "duration": ['duration "95"', 'duration (int64 3661)', 'duration 90', 'duration "0"', 'duration "86400"', 'duration "-5"'],
    "durationRound": ['durationRound "2h10m"', 'durationRound "61s"', 'durationRound "400h"', 'durationRound "9000h"', 'durationRound "30s"', 'durationRound (int64 3000000000)', 'durationRound "bogus"', 'durationRound "-3h"'],
    "now": ['typeOf now', 'gt (now | unixEpoch | atoi) 1600000000', '(now).Year | lt 2000'],
    # paths
    "base": ['base .path', 'base ""', 'base "/"', 'base "a/b/"', 'osBase "x/y"'], "dir": ['dir .path', 'dir "file"', 'dir "/"', 'osDir "/a/b"'], "clean": ['clean .path', 'clean ""', 'clean "a//b/./c/.."', 'clean "/../x"', 'osClean "../a/../../b"'],
    "ext": ['ext .path', 'ext "noext"', 'ext "a.b/c"', 'osExt "x.yaml"'], "isAbs": ['isAbs "/a"', 'isAbs "a"', 'osIsAbs ""'],
    # urls
    "urlParse": ['urlParse .url', '(urlParse .url).hostname', 'urlParse "mailto:joe@example.com"', 'urlParse "/just/a/path?x=1"'],
    "urlJoin": ['urlJoin (dict "scheme" "https" "host" "h:1" "path" "/p" "query" "a=1" "fragment" "f")', 'urlJoin (dict "host" "h" "path" "p")', 'urlJoin (dict "scheme" "mailto" "opaque" "joe@x")', 'urlJoin (urlParse .url)', 'urlJoin (dict "host" 1)'],
    "env": ['env "GOTEMPLATE_ORACLE_SURELY_UNSET"', 'expandenv "a-${GOTEMPLATE_ORACLE_SURELY_UNSET}-$GOTEMPLATE_ORACLE_SURELY_UNSET2-b"'],
}
for fn, exprs in sprig.items():
    for i, e in enumerate(exprs):
        case("sprig_%s_%d" % (fn, i), "[{{ %s }}]" % e, SD)
case("sprig_tz_local_date", "{{ date \"2006-01-02 15:04 MST\" (toDate \"2006-01-02 15:04\" \"2023-07-01 12:00\") }}", tz="Europe/Berlin")
case("sprig_tz_local_html", "{{ htmlDate (int64 1700000000) }}|{{ date \"15:04 -0700\" (int64 1700000000) }}", tz="Asia/Tokyo")
case("sprig_tz_bad", "x", tz="Mars/Olympus")
case("sprig_dates_methods", "{{ $t := toDate \"2006-01-02 15:04:05\" \"2023-05-04 13:14:15\" }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Weekday }} {{ $t.YearDay }} {{ $t.Unix }} {{ $t.Format \"Jan 2\" }}")
case("sprig_print_time", "{{ toDate \"2006-01-02 15:04\" \"2023-05-04 13:14\" }}")
case("sprig_print_semver", "{{ semver \"1.2.3-rc.1\" }}|{{ list (semver \"1.0.0\").Major }}")

# ---- Helm mode ---------------------------------------------------------------------------------------------------
HV = {"Values": {"name": "web", "replicas": 3, "image": {"repository": "nginx", "tag": "1.25"}, "ports": [80, 443], "empty": "", "zero": 0,
                 "enabled": False, "labels": {"app": "web", "tier": "front"}, "nested": {"a": {"b": {"c": "deep"}}},
                 "text": "line1\nline2\n", "special": "yes", "num_string": "123", "colon": "a: b", "list_of_maps": [{"name": "a", "v": 1}, {"name": "b"}]},
      "Release": {"Name": "rel", "Namespace": "ns", "Revision": 1, "IsInstall": True, "Service": "Helm"}, "Chart": {"Name": "mychart", "Version": "0.1.0", "AppVersion": "1.0"},
      "Capabilities": {"KubeVersion": {"Version": "v1.32.0", "Major": "1", "Minor": "32"}}}
helm_exprs = {
    "toYaml": ['toYaml .Values.labels', 'toYaml .Values.ports', 'toYaml .Values.image', 'toYaml .Values', 'toYaml .Values.name', 'toYaml .Values.replicas', 'toYaml .Values.text',
               'toYaml .Values.special', 'toYaml .Values.num_string', 'toYaml .Values.colon', 'toYaml .Values.list_of_maps', 'toYaml (dict "a" (list (list 1 2) (dict)))',
               'toYaml (list "true" "null" "~" "" " lead" "trail " "#x" "a #b" "- x" "-x" "@at" "1.5" "0x1F" "1e3" "on" "y" "012" "1:20" "a\\tb")',
               'toYaml (dict "k10" 1 "k9" 2 "K" 3 "a" 4 "_" 5 "10" 6 "9" 7)', 'toYaml .nothing', 'toYaml (float64 "NaN")', 'toYaml (dict "f" 1.5 "i" 3 "big" 1e21 "neg" -0.25)',
               'toYaml (list "multi\\nline" "trailing\\n\\n" " indented\\nx")', 'toYaml (dict "empty" (dict) "el" (list) "n" nil)', 'toYaml "a\\"b\\\\c"', 'toYaml (list "é" "日本")'],
    "mustToYaml": ['mustToYaml .Values.labels', 'mustToYaml (float64 "Inf")'],
    "toYamlPretty": ['toYamlPretty .Values.labels', 'toYamlPretty .Values.ports', 'toYamlPretty (dict "a" (list 1 (dict "b" (list 2 3))))', 'toYamlPretty .Values.list_of_maps', 'toYamlPretty .Values.replicas', 'toYamlPretty (list "true" "" "x")'],
    "fromYaml": ['(fromYaml "a: 1\\nb: [x, y]").b', 'fromYaml "a: yes\\nb: 0777\\nc: 1.10\\nd: ~\\ne: 2001-12-14"', '(fromYaml "- 1").Error', 'fromYaml ""', 'typeOf (fromYaml "a: 1").a', 'fromYaml "\\"quoted\\": \\"yes\\"\\n1: one\\ntrue: t"', 'fromYaml "a: &x 1\\nb: *x"', 'fromYaml "a: 0x10\\nb: +1\\nc: -.5\\nd: 1e3\\ne: 1_000"'],
    "fromYamlArray": ['fromYamlArray "- 1\\n- a\\n- [2]"', 'fromYamlArray "a: 1"', 'fromYamlArray "[x, {y: z}]"'],
    "fromJson": ['(fromJson "{\\"a\\":{\\"b\\":1}}").a.b', 'fromJson "[1]"', 'fromJson "{bad"', 'fromJson "null"'], "fromJsonArray": ['fromJsonArray "[1,\\"a\\",null]"', 'fromJsonArray "{}"', 'fromJsonArray "[1,"'],
    "toJson": ['toJson .Values.labels', 'toJson (float64 "NaN")', 'toJson "<>"', 'toJson .Values.nested'],
    "toToml": ['toToml .Values.image', 'toToml (dict "a" (dict "b" (dict "c" 1)) "x" 1.5 "s" "q\\"")', 'toToml (dict "arr" (list (dict "a" 1) (dict "a" 2)))', 'toToml "x"', 'toToml (dict "l" (list 1 "a"))', 'toToml (dict "k.dot" 1 "n" nil)'],
    "fromToml": ['(fromToml "a = 1\\n[t]\\nb = \\"x\\"").t.b', 'typeOf (fromToml "a = 1").a', 'fromToml "x = [1, 2]\\ny = true\\nz = 1.5"', '(fromToml "a = ").Error', 'fromToml "[[p]]\\nn = 1\\n[[p]]\\nn = 2"'],
    "required": ['required "need name" .Values.name', 'required "need zero" .Values.zero', 'required "need enabled" .Values.enabled', 'required "need it" .Values.empty', 'required "need it" .Values.missing', 'required "list ok" .Values.ports', '.Values.missing | required "piped"'],
    "lookup": ['lookup "v1" "Secret" "ns" "name"', 'lookup "v1" "Secret" "ns" "name" | len', '(lookup "v1" "Pod" "" "").items'],
    "include": ['include "h.labels" .', 'include "h.labels" . | indent 4', 'include "nope" .', 'include "h.missing" .', 'include "h.fail" .'],
    "tpl": ['tpl "{{ .Values.name }}-x" .', 'tpl "{{ define \\"t.d\\" }}D{{ end }}{{ include \\"t.d\\" . }}" .', 'tpl "{{ include \\"h.labels\\" . }}" .', 'tpl "{{ .Values.missing }}" .', 'tpl "{{ fail \\"inner\\" }}" .', 'tpl "{{ template \\"h.labels\\" . }}" .', 'tpl .Values.name .', 'tpl "{{ .x" .'],
    "missing": ['.Values.missing', '.Values.missing.deeper', '.Values.missing | quote', 'printf "%v" .Values.missing', '.Values.nested.a.b.c', 'index .Values "missing"', 'default "d" .Values.missing', '.Release.Revision | printf "%T"', '.Capabilities.KubeVersion.Minor'],
    "sprig_in_helm": ['.Values.name | upper | quote', 'include "h.labels" . | sha256sum | trunc 8', 'env "HOME"', '.Values.replicas | int | add 1'],
}
helpers = "{{- define \"h.labels\" -}}\napp: {{ .Values.labels.app }}\nrelease: {{ .Release.Name }}\n{{- end }}\n{{- define \"h.missing\" }}[{{ .Values.nope }}]{{ end }}\n{{- define \"h.fail\" }}{{ fail \"from helper\" }}{{ end }}"
for fn, exprs in helm_exprs.items():
    for i, e in enumerate(exprs):
        case("helm_%s_%d" % (fn, i), {"c/templates/_helpers.tpl": helpers, "c/templates/t.yaml": "[{{ %s }}]" % e}, entry="c/templates/t.yaml", data=HV, helm=True, desc="helm: " + e)
for fn, exprs in {"strict": ['.Values.missing', '.Values.name', 'tpl "{{ .Values.nope }}" .', 'default "d" .Values.missing'], "keepNoValue": ['.Values.missing', 'tpl "{{ .Values.nope }}" .']}.items():
    for i, e in enumerate(exprs):
        case("helm_%s_%d" % (fn, i), "[{{ %s }}]" % e, HV, helm=True, **{fn: True})
case("helm_int_numbers", "{{ .Release.Revision }} {{ printf \"%T\" .Release.Revision }} {{ .Values.replicas | printf \"%T\" }}", HV, helm=True, numbers="int")
case("helm_values_yaml_types", "{{ range $k, $v := .Values }}{{ $k }}={{ $v }}({{ typeOf $v }}) {{ end }}", None, helm=True,
     valuesYaml="a: 1\nb: 1.5\nc: yes\nd: off\ne: ~\nf: '1'\ng: 0o17\nh: 0x1f\ni: 12345678901234567890\nj: 1e3\nk: [1, two]\nl: {x: y}\nm: \"on\"\nn: 2001-12-14\no: .5\n")
case("helm_values_yaml_list", "x", None, helm=True, valuesYaml="- 1\n")
case("helm_yamldata_scalar", "{{ . }} {{ typeOf . }}", None, helm=True, yamlData="42")
case("helm_yamldata_list", "{{ range . }}{{ . }};{{ end }}", None, helm=True, yamlData="- a\n- 2\n- true\n")
case("helm_parse_error_unclosed", {"c/templates/a.yaml": "{{ if .Values.x }}"}, entry="c/templates/a.yaml", data=HV, helm=True)
case("helm_parse_error_function", {"c/templates/a.yaml": "line1\n{{ nosuch 1 }}"}, entry="c/templates/a.yaml", data=HV, helm=True)
case("helm_parse_order_subchart", {"c/templates/_h.tpl": "{{ define \"x\" }}parent{{ end }}", "c/charts/sub/templates/_h.tpl": "{{ define \"x\" }}sub{{ end }}", "c/templates/t.yaml": "{{ template \"x\" }}"}, entry="c/templates/t.yaml", helm=True)
case("helm_parse_order_same_depth", {"c/templates/_a.tpl": "{{ define \"x\" }}a{{ end }}", "c/templates/_b.tpl": "{{ define \"x\" }}b{{ end }}", "c/templates/t.yaml": "{{ template \"x\" }}"}, entry="c/templates/t.yaml", helm=True)
case("helm_include_depth_limit", {"t": "{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}{{ include \"loop\" . }}"}, entry="t", helm=True)
case("helm_exec_error_location", {"c/templates/a.yaml": "a: 1\nb: {{ .Values.x.y }}"}, entry="c/templates/a.yaml", data={"Values": {"x": None}}, helm=True)
case("helm_configmap", {"c/templates/_helpers.tpl": helpers, "c/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name | trunc 63 | trimSuffix \"-\" }}\n  labels:\n    {{- include \"h.labels\" . | nindent 4 }}\ndata:\n  {{- range $k, $v := .Values.labels }}\n  {{ $k }}: {{ $v | quote }}\n  {{- end }}\n  ports: {{ .Values.ports | toJson | quote }}\n  {{- with .Values.image }}\n  image: \"{{ .repository }}:{{ .tag | default \"latest\" }}\"\n  {{- end }}\n  {{- if not .Values.enabled }}\n  disabled: \"true\"\n  {{- end }}\n"}, entry="c/templates/cm.yaml", data=HV, helm=True)

# ---- combinations and edge cases ---------------------------------------------------------------------------------
case("combo_unicode_column_error", "héllo wörld {{ .a.b }}", {"a": None})
case("combo_unicode_len_trunc", "{{ len .u }}|{{ trunc 2 .u }}|{{ substr 0 3 .u }}|{{ upper .u }}|{{ title .u }}", {"u": "éa日本"})
case("combo_multiline_error_line", "a\nb\n\n{{ if .x }}\n{{ .y.z }}\n{{ end }}", {"x": True, "y": None})
case("combo_define_error_other_file", {"a.tpl": "x\n{{ define \"d\" }}\n\n{{ index .l 5 }}{{ end }}", "main": "{{ template \"d\" . }}"}, entry="main", data={"l": [1]})
case("combo_pipeline_with_parens_and_vars", "{{ $x := list 1 2 3 }}{{ range $i, $e := $x }}{{ if gt $i 0 }},{{ end }}{{ $e | add 10 }}{{ end }}")
case("combo_nested_index_dict", "{{ $d := dict \"a\" (dict \"b\" (list 10 20)) }}{{ index $d \"a\" \"b\" 1 }}|{{ (index $d.a.b 0) }}")
case("combo_with_range_else", "{{ with .l }}{{ range . }}{{ . }}{{ else }}none{{ end }}{{ else }}nothing{{ end }}", {"l": []})
case("combo_and_or_values", "{{ or .a .b \"c\" }}|{{ and .x .y }}|{{ or 0 \"\" }}|{{ and 1 \"s\" (list 1) }}", {"a": "", "b": None, "x": 1, "y": "yes"})
case("combo_error_context_long", "{{ printf \"%s-%s-%s-%s\" \"aaaaaaaaaa\" \"bbbbbbbbbb\" \"cccccccccc\" .n.x }}", {"n": None})
case("combo_deep_nesting", "{{ if true }}{{ with .a }}{{ range .b }}{{ if . }}{{ with $.c }}{{ . }}{{ end }}{{ end }}{{ end }}{{ end }}{{ end }}", {"a": {"b": [1, 0, 2]}, "c": "C"})
case("combo_dollar_in_template_call", {"main": "{{ template \"d\" .a }}", "d": "{{ $.x }}-{{ .x }}"}, entry="main", data={"a": {"x": 1}, "x": 2})
case("combo_range_map_string_values_sorted", "{{ range $k, $v := .m }}{{ $k }}{{ end }}", {"m": {"b": 1, "B": 2, "a": 3, "_": 4, "1": 5, "é": 6}})
case("combo_json_roundtrip", "{{ .m | toJson | fromJson | toJson }}", {"m": {"x": [1, 2.5, "s", True, None, {"y": {}}]}})
case("combo_pretty_json_nested", "{{ toPrettyJson .m }}", {"m": {"x": [1, {"y": []}], "z": {}}})
case("combo_yaml_in_helm", {"c/templates/t.yaml": "spec:\n  {{- toYaml .Values.spec | nindent 2 }}\n  list:\n  {{- toYaml .Values.l | nindent 2 }}"}, entry="c/templates/t.yaml", helm=True,
     data={"Values": {"spec": {"containers": [{"name": "a", "args": ["--x=1", "y"], "env": [{"name": "E", "value": "1"}]}], "replicas": 2}, "l": [[1, 2], {"a": None}]}})
case("combo_quote_special", "{{ quote \"tab\\there\" \"nl\\n\" \"é\" \"\\u0001\" \"\\u2028\" }}")
case("combo_printf_q_unicode", "{{ printf \"%q %+q %x % X\" \"日本\" \"日本\" \"日本\" \"é\" }}")
case("combo_js_unicode", "{{ js \"日本\\u00a0\\u200b\" }}")
case("combo_semver_methods_chain", "{{ $v := semver \"v2.3.4-rc.1+b5\" }}{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v }}")
case("combo_ternary_chain", "{{ range .l }}{{ ternary \"even\" \"odd\" (eq (mod . 2) (int64 0)) }} {{ end }}", {"l": [1, 2, 3]})
case("combo_default_chain", "{{ .a | default .b | default \"z\" }}|{{ default (list 1) .e }}", {"a": "", "b": None, "e": []})
case("combo_regex_groups", "{{ regexReplaceAll \"(\\\\w+)@(\\\\w+)\\\\.com\" \"bob@example.com, al@test.com\" \"${2}:${1}\" }}")
case("combo_list_ops", "{{ $l := list 3 1 2 }}{{ $l = append $l 0 }}{{ $l = prepend $l 9 }}{{ $l }}|{{ $l | uniq | len }}|{{ sortAlpha $l }}|{{ last $l }}|{{ first $l }}|{{ initial $l }}|{{ rest $l }}")
case("combo_dict_ops", "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $_ := unset $d \"a\" }}{{ $d }}|{{ hasKey $d \"b\" }}|{{ keys $d }}|{{ values $d }}")
case("combo_merge_nested_deep", "{{ $a := dict \"x\" (dict \"y\" (dict \"z\" 1 \"w\" 2)) }}{{ $b := dict \"x\" (dict \"y\" (dict \"z\" 5 \"v\" 3)) }}{{ merge $a $b }}|{{ mergeOverwrite (deepCopy $a) $b }}")
case("combo_print_int_float_mix", "{{ print 1 2.0 3.5 \"x\" 4 }}|{{ println 1 2.0 }}|{{ printf \"%v %v\" 1e6 1e-6 }}")
case("combo_big_ints", "{{ 9223372036854775807 }} {{ -9223372036854775808 }} {{ add 9223372036854775807 1 }} {{ 18446744073709551615 }}")
case("combo_char_arith", "{{ add 'a' 1 }} {{ printf \"%c%c\" 72 'i' }}")
case("combo_whitespace_only_template", "   \n\t  ")
case("combo_empty_template", "")
case("combo_trailing_text_after_end", "{{ if true }}x{{ end }}\n  tail  ")
case("combo_crlf", "a\r\n{{- \" b \" -}}\r\nc")
case("combo_index_missingkey_error", "[{{ index .m \"zz\" }}]", {"m": {}}, options=["missingkey=error"])
case("combo_missingkey_error_nil_data", "{{ .x }}", None, options=["missingkey=error"])
case("combo_missingkey_zero_map_string", "[{{ (dict \"a\" 1).b }}]", None, options=["missingkey=zero"])
case("combo_len_of_int64", "{{ len (int64 3) }}")
case("combo_eq_list_nil", "{{ eq .l nil }}", {"l": [1]})
case("combo_not_fn_value", "{{ not .f }}", {"f": 0.0})
case("combo_urlquery_unicode", "{{ urlquery \"日本 語&x=1\" }}")
case("combo_html_quote", "{{ html \"a\\u0000b\" }}")
case("combo_helm_tpl_values_template", {"c/templates/t.yaml": "{{ tpl .Values.tmpl . }}"}, entry="c/templates/t.yaml", helm=True,
     data={"Values": {"tmpl": "{{ .Release.Name }}-{{ .Values.suffix | default \"none\" }}", "suffix": "s"}, "Release": {"Name": "r"}})
case("combo_helm_include_in_range", {"c/templates/_h.tpl": "{{ define \"item\" }}- {{ .name }}{{ end }}", "c/templates/t.yaml": "{{ range .Values.items }}{{ include \"item\" . }}\n{{ end }}"}, entry="c/templates/t.yaml", helm=True,
     data={"Values": {"items": [{"name": "a"}, {"name": "b"}]}})
case("combo_helm_required_nested_include", {"c/templates/_h.tpl": "{{ define \"need\" }}{{ required \"need .x\" .x }}{{ end }}", "c/templates/t.yaml": "a: {{ include \"need\" . }}"}, entry="c/templates/t.yaml", helm=True, data={})
case("combo_helm_fail_in_include", {"c/templates/_h.tpl": "{{ define \"f\" }}{{ fail \"bad thing\" }}{{ end }}", "c/templates/t.yaml": "{{ include \"f\" . }}"}, entry="c/templates/t.yaml", helm=True, data={})
case("combo_helm_no_value_in_list", "{{ list .Values.a .Values.b }}|{{ printf \"%v\" .Values.a }}", {"Values": {"b": 1}}, helm=True)

# ---- crypto (random output is checked for shape; derived and decrypted values exactly) ----------------------------
crypto = {
    "derivePassword": ['derivePassword 1 "long" "password" "user" "example.com"', 'derivePassword 2 "maximum" "pw" "u" "site"', 'derivePassword 1 "pin" "pw" "u" "site"',
                       'derivePassword 7 "basic" "é" "ü" "s"', 'derivePassword 1 "nope" "pw" "u" "s"', 'derivePassword 1 "short" "" "" ""'],
    "decryptAES": ['decryptAES "secretkey" "Gei07G9NGkUnqO6OkNcx3YpEFmooXBehwM0Q3XP30Lc="', 'decryptAES "k" (encryptAES "k" "round trip")', 'decryptAES "k" ""', 'encryptAES "k" ""',
                   'encryptAES "k" "x" | len', 'decryptAES "k" "!!notbase64"'],
    "bcrypt": ['bcrypt "pw" | len', 'regexMatch "^\\\\$2a\\\\$10\\\\$[./A-Za-z0-9]{53}$" (bcrypt "pw")', 'regexMatch "^admin:\\\\$2a\\\\$10\\\\$" (htpasswd "admin" "pw")', 'htpasswd "a:b" "pw"'],
    "genPrivateKey": ['genPrivateKey "ecdsa" | hasPrefix "-----BEGIN EC PRIVATE KEY-----\\n"', 'genPrivateKey "ecdsa" | hasSuffix "-----END EC PRIVATE KEY-----\\n"', 'genPrivateKey "bogus"',
                      'genPrivateKey "rsa" | hasPrefix "-----BEGIN RSA PRIVATE KEY-----\\n"'],
    "genCA": ['$ca := genCA "my-ca" 365 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----\\n" $ca.Cert }} {{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----\\n" $ca.Key }} {{ typeOf $ca',
              '$ca := genCA "ca" 10 }}{{ $c := genSignedCert "svc" (list "10.0.0.1") (list "svc.ns.svc") 5 $ca }}{{ hasSuffix "-----END CERTIFICATE-----\\n" $c.Cert }} {{ ne $c.Cert $ca.Cert',
              '$c := genSelfSignedCert "self" nil nil 3 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert',
              '$ca := genCA "ca" 10 }}{{ $b := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $b.Cert $ca.Cert }} {{ eq $b.Key $ca.Key',
              '$k := genPrivateKey "rsa" }}{{ $ca := genCAWithKey "ca" 1 $k }}{{ eq $ca.Key $k', 'genSignedCert "x" nil nil 1 "notacert"',
              '$c := genSelfSignedCertWithKey "self" (list "127.0.0.1") (list "localhost") 3 (genPrivateKey "rsa") }}{{ len $c.Key | lt 100'],
}
for fn, exprs in crypto.items():
    for i, e in enumerate(exprs):
        case("crypto_%s_%d" % (fn, i), "[{{ %s }}]" % e)

# ---- YAML output corner cases ------------------------------------------------------------------------------------
yaml_values = {
    "nested_lists": [[1, [2, 3]], [], [[]]], "list_of_lists_of_maps": [[{"a": 1}], [{"b": {"c": [1]}}]],
    "strings": ["a: b", "a:b", "x #y", "x#y", "[x", "{x", "*x", "&x", "!x", "|x", ">x", "%x", "@x", "`x", "'x", "\"x", "x'", "-", "- ", "?", "? x", ":", "x:", "...", "---", "a\\b", "ü", "\u00a0x", "0.5", ".5", "1_000", "0x", "0b12", "+1", "-1", "1e5", "1E5", "12:30", "yes", "No", "OFF", "~", "Null", "nan", ".nan", ".inf", "-.inf", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<", "true ", " "],
    "multiline": ["a\nb", "a\nb\n", "a\nb\n\n", "\na", "a\n ", " a\nb", "tab\tin\nline", "x\r\ny"],
    "numbers": [0, -0.0, 1.0, 1.5, 100000000, 1e15, 1e16, 1e20, 1e21, 123456789012, 0.000001, 1e-7, -3, 2.5e-10],
    "keys": {"b": 1, "a": {"z": 1, "y": [1, {"x": 2}]}, "c d": 2, "e:f": 3, "": 4, "1": 5, "true": 6, "null": 7},
}
for k, v in yaml_values.items():
    case("yaml_toYaml_" + k, {"c/templates/t.yaml": "{{ toYaml .Values.v }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": v}})
    case("yaml_toYamlPretty_" + k, {"c/templates/t.yaml": "{{ toYamlPretty .Values.v }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": v}})
    case("yaml_nindent_" + k, {"c/templates/t.yaml": "v:\n  {{- toYaml .Values.v | nindent 2 }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": v}})

# go-yaml v2 only (toYaml): line folding at 80 columns, complex keys, kept trailing breaks, nested empties, floats.
long_words = " ".join("word%d" % i for i in range(40))
yaml_v2_values = {
    "long_strings": {"plain": long_words, "nested": {"deeper": {"text": long_words}}, "list": [long_words, "x" * 120],
                     "quoted": "'" + long_words, "double": "tab\t" + long_words, "spaces": "a  b   " + long_words,
                     "literal": long_words + "\n" + long_words + "\n"},
    "keep_trailing": "a\n\n", "keep_trailing_list": ["a\n\n"], "only_breaks": ["\n", "\n\n", " \n"],
    "long_key": {"k" * 130: 1, "multi\nline": 2, "é" * 50: 3, "x": {"k" * 129: [1]}},
    "nested_empty": {"a": {"b": {}}, "c": [[], {}], "d": [{"e": []}], "f": [[[]]]},
    "floats": [1e21, 1.5e300, 5e-324, 123456.789, -1e-7, 1e6, 100000.5, 0.1, 2 ** 63, 2 ** 64, 2 ** 70],
    "unicode": ["\u2028x", "\u0085x", "\ufeffx", "emoji \U0001F600", "\x01", "日本語のテキスト", "\ufffd", "\ufeff" + long_words, "a\ufeffb"],
    # A raw NEL is a line break when go-yaml reads the JSON text back: folded like a line break in a quoted scalar.
    "nel": {"list": ["a \u0085 b", "a\u0085\u0085\u0085b", "x\u0085", "\u0085", "a\u0085 \u0085b", "  \u0085  ", "a\tb \u0085 c"], "k\u0085 x": 1},
    # Characters encoding/json leaves raw that go-yaml's reader then rejects: toYaml yields "".
    "reader_del": ["a\x7fb"], "reader_c1": {"k": "\x9f"}, "reader_key": {"\ufffe": 1}, "reader_bmp_end": "\uffff",
}
for k, v in yaml_v2_values.items():
    case("yaml_toYaml_" + k, {"c/templates/t.yaml": "{{ toYaml .Values.v }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": v}})
    case("yaml_nindent_" + k, {"c/templates/t.yaml": "v:\n  {{- toYaml .Values.v | nindent 2 }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": v}})
case("yaml_mustToYaml_nel_key_error", {"c/templates/t.yaml": "{{ mustToYaml .Values.v }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": {"a": "x\u0085y", "b": [{"c\u0085\u0085": 1}]}}})
case("yaml_mustToYaml_reader_error", {"c/templates/t.yaml": "{{ mustToYaml .Values.v }}"}, entry="c/templates/t.yaml", helm=True, data={"Values": {"v": ["\x85", "\x86"]}})

# ---- write --------------------------------------------------------------------------------------------------------
for old in glob.glob(os.path.join(here, "cases", "gen_*.json")):
    os.remove(old)
for name, req in cases.items():
    with open(os.path.join(here, "cases", name + ".json"), "w") as f:
        json.dump(req, f, indent=2, ensure_ascii=False)
        f.write("\n")
print("gen-cases.py: wrote %d cases" % len(cases))
