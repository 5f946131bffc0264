// Command message-oracle renders an ImageUpdateAutomation commit message template the way
// image-automation-controller does: Go text/template with Sprig over a model of Flux's update.TemplateData
// (struct-keyed maps, promoted fields, methods, Stringer), so Gyre's rendering can be diffed against Go's.
//
// Usage: message-oracle < case.json > expected.txt (stdout is the message, or "ERROR: <go error>").
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// The shapes of kyaml's yaml.ResourceIdentifier and Flux's pkg/update types.
type TypeMeta struct {
	APIVersion string
	Kind       string
}

type NameMeta struct {
	Name      string
	Namespace string
}

type ResourceIdentifier struct {
	TypeMeta
	NameMeta
}

type ObjectIdentifier struct {
	ResourceIdentifier
}

type Change struct {
	OldValue string
	NewValue string
	Setter   string
}

type ObjectChanges map[ObjectIdentifier][]Change

type ResultV2 struct {
	FileChanges map[string]ObjectChanges
}

// Changes lists every change. Flux ranges over maps here (random order); the model walks files and objects
// in sorted order so goldens are stable, which is the order Gyre promises.
func (r ResultV2) Changes() []Change {
	var result []Change
	files := make([]string, 0, len(r.FileChanges))
	for f := range r.FileChanges {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		objs := r.FileChanges[f]
		ids := make([]ObjectIdentifier, 0, len(objs))
		for id := range objs {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return less(ids[i], ids[j]) })
		for _, id := range ids {
			result = append(result, objs[id]...)
		}
	}
	return result
}

func (r ResultV2) Objects() ObjectChanges {
	result := ObjectChanges{}
	files := make([]string, 0, len(r.FileChanges))
	for f := range r.FileChanges {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		for id, changes := range r.FileChanges[f] {
			result[id] = append(result[id], changes...)
		}
	}
	return result
}

func less(a, b ObjectIdentifier) bool {
	x := []string{a.APIVersion, a.Kind, a.Name, a.Namespace}
	y := []string{b.APIVersion, b.Kind, b.Name, b.Namespace}
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

// NamespacedName is k8s.io/apimachinery's types.NamespacedName.
type NamespacedName struct {
	Namespace string
	Name      string
}

func (n NamespacedName) String() string { return n.Namespace + "/" + n.Name }

type TemplateData struct {
	AutomationObject NamespacedName
	Changed          ResultV2
	Values           map[string]string
}

type caseFile struct {
	Template  string            `json:"template"`
	Namespace string            `json:"namespace"`
	Name      string            `json:"name"`
	Values    map[string]string `json:"values"`
	Files     map[string][]struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Name       string `json:"name"`
		Namespace  string `json:"namespace"`
		Changes    []struct {
			Old    string `json:"old"`
			New    string `json:"new"`
			Setter string `json:"setter"`
		} `json:"changes"`
	} `json:"files"`
}

func main() {
	var c caseFile
	if err := json.NewDecoder(os.Stdin).Decode(&c); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	data := TemplateData{
		AutomationObject: NamespacedName{Namespace: c.Namespace, Name: c.Name},
		Changed:          ResultV2{FileChanges: map[string]ObjectChanges{}},
		Values:           c.Values,
	}
	for file, objects := range c.Files {
		oc := ObjectChanges{}
		for _, o := range objects {
			id := ObjectIdentifier{ResourceIdentifier{TypeMeta{o.APIVersion, o.Kind}, NameMeta{o.Name, o.Namespace}}}
			for _, ch := range o.Changes {
				oc[id] = append(oc[id], Change{ch.Old, ch.New, ch.Setter})
			}
		}
		data.Changed.FileChanges[file] = oc
	}
	tmpl, err := template.New("commit message").Funcs(sprig.TxtFuncMap()).Parse(c.Template)
	if err == nil {
		err = tmpl.Execute(os.Stdout, data)
	}
	if err != nil {
		fmt.Print("ERROR: " + err.Error())
	}
}
