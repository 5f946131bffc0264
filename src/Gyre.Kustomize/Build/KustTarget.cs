using Gyre.Kustomize.Config;
using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Generators;
using Gyre.Kustomize.Resources;

namespace Gyre.Kustomize.Build;

/// <summary>
/// One kustomization being built (kustomize's KustTarget). AccumulateTarget follows kustomize's order: resources,
/// configurations, generators, components, then transformers over everything accumulated so far.
/// </summary>
internal sealed partial class KustTarget
{
    private readonly BuildSession _session;
    private readonly Kustomization _kustomization;
    private readonly Loader _loader;

    private KustTarget(BuildSession session, Kustomization kustomization)
    {
        _session = session;
        _kustomization = kustomization;
        // As kustomize: files of a cloned repository never escape their root, whatever the load restrictor says.
        var restrict = !session.Options.DisableLoadRestrictor || session.CheckoutOf(kustomization.Directory) is not null;
        _loader = new Loader(session.FileSystem, kustomization.Directory, kustomization.File, restrict);
    }

    public Kustomization Kustomization => _kustomization;

    public static KustTarget Load(BuildSession session, string directory) =>
        new(session, KustomizationLoader.Load(session.FileSystem, directory));

    /// <summary>Legacy vars declared by this kustomization and everything it includes.</summary>
    public List<Transformers.VarDefinition> Vars { get; } = [];

    public (ResourceList Resources, TransformerConfig Config) AccumulateTarget()
    {
        var resources = new ResourceList();
        var config = TransformerConfig.Defaults();
        Accumulate(resources, config);
        return (resources, config);
    }

    private void MergeVars(IEnumerable<Transformers.VarDefinition> vars)
    {
        foreach (var v in vars)
        {
            if (Vars.Any(existing => existing.Name == v.Name))
            {
                throw new KustomizeException(_kustomization.File, null, "vars", $"var '{v.Name}' already encountered; var names must be unique across the build");
            }

            Vars.Add(v);
        }
    }

    private void Accumulate(ResourceList resources, TransformerConfig config)
    {
        _session.CancellationToken.ThrowIfCancellationRequested();
        WarnDeprecated();
        RejectHelmCharts();
        ConfigureOpenApi();
        foreach (var entry in _kustomization.Strings("resources").Concat(_kustomization.Strings("bases")))
        {
            AccumulateResource(resources, config, entry);
        }

        foreach (var file in _kustomization.Strings("configurations"))
        {
            config.Merge(TransformerConfig.Parse(_loader.ReadFile(file, "configurations"), _loader.Resolve(file)));
        }

        foreach (var crd in _kustomization.Strings("crds"))
        {
            config.Merge(CrdConfig.Parse(_loader.ReadFile(crd, "crds"), _loader.Resolve(crd)));
        }

        RunGenerators(resources);
        RunPluginGenerators(resources);
        foreach (var component in _kustomization.Strings("components"))
        {
            AccumulateComponent(resources, config, component);
        }

        RunTransformers(resources, config);
        RunPluginTransformers(resources);
        MergeVars(Transformers.VarSubstitution.Parse(_kustomization));
    }

    private void WarnDeprecated()
    {
        foreach (var (field, replacement) in new[] { ("bases", "resources"), ("commonLabels", "labels"), ("patchesStrategicMerge", "patches"), ("patchesJson6902", "patches"), ("vars", "replacements"), ("imageTags", "images") })
        {
            if (_kustomization.Get(field) is not null)
            {
                _session.Warn($"# Warning: '{field}' is deprecated. Please use '{replacement}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.");
            }
        }
    }

    private void RejectHelmCharts()
    {
        foreach (var field in new[] { "helmCharts", "helmChartInflationGenerator", "helmGlobals" })
        {
            if (_kustomization.Get(field) is not null)
            {
                throw new KustomizeException(_kustomization.File, null, field,
                    "helm chart inflation is not supported yet: Gyre's Helm engine does not exist yet; render the chart to YAML and list it under resources");
            }
        }


        foreach (var field in new[] { "validators" })
        {
            if (_kustomization.Get(field) is { IsSequence: true } plugins && plugins.Content.Count > 0)
            {
                throw new KustomizeException(_kustomization.File, null, field,
                    "kustomize plugins (generators, transformers, validators) are not supported; use the built-in fields instead");
            }
        }
    }

    private void AccumulateResource(ResourceList resources, TransformerConfig config, string entry)
    {
        var path = _loader.Resolve(entry);
        if (_session.FileSystem.IsDirectory(path))
        {
            AccumulateDirectory(resources, config, path, entry);
            return;
        }

        if (!_session.FileSystem.IsFile(path) && RemoteResource.Looks(entry))
        {
            AccumulateRemote(resources, config, entry);
            return;
        }

        if (!_session.FileSystem.IsFile(path))
        {
            throw new KustomizeException(_kustomization.File, entry, "resources",
                $"accumulating resources: '{path}' is neither a file nor a directory; check the path (it is relative to {_kustomization.Directory})");
        }

        resources.AddRange(ResourceParser.Parse(_loader.ReadFile(entry, "resources"), path), path);
    }

    private void AccumulateDirectory(ResourceList resources, TransformerConfig config, string path, string entry)
    {
        var sub = LoadNested(path, entry, "resources");
        if (sub._kustomization.IsComponent)
        {
            throw new KustomizeException(_kustomization.File, entry, "resources",
                $"expected kind 'Kustomization' for path '{path}' but got 'Component'; list it under components");
        }

        try
        {
            var (subResources, subConfig) = sub.AccumulateTarget();
            resources.AddAll(subResources, _kustomization.File);
            config.Merge(subConfig);
            MergeVars(sub.Vars);
        }
        finally
        {
            _session.InProgress.Pop();
        }
    }

    /// <summary>
    /// As kustomize: an http(s) URL is first fetched as a file; anything that parses as a git URL is cloned and its
    /// kustomization root built like a local directory.
    /// </summary>
    private void AccumulateRemote(ResourceList resources, TransformerConfig config, string entry)
    {
        var remote = new RemoteResource(_session, _kustomization.File, "resources");
        var isRepository = Remote.GitRepoSpec.TryParse(entry, out var spec, out var notRepository);
        if (RemoteResource.IsHttpUrl(entry) && remote.TryDownload(entry, mustSucceed: !isRepository) is { } text)
        {
            try
            {
                // kustomize records such a resource's origin as the URL joined onto the kustomization's path.
                var source = PathText.Join(_kustomization.Directory, entry);
                resources.AddRange(ResourceParser.Parse(text, source), source);
                return;
            }
            catch (KustomizeException) when (isRepository)
            {
                // Not YAML: kustomize then treats the URL as a repository.
            }
        }

        if (!isRepository)
        {
            throw new KustomizeException(_kustomization.File, RemoteResource.Redact(entry), "resources",
                $"'{RemoteResource.Redact(entry)}' is neither a local path nor a git URL kustomize accepts ({notRepository}); check the entry");
        }

        var root = remote.CloneRoot(spec!);
        remote.Within(spec!, root, () => AccumulateDirectory(resources, config, root, entry));
    }

    private KustTarget LoadNested(string path, string entry, string field)
    {
        if (_session.InProgress.Contains(path) || path == _kustomization.Directory)
        {
            throw new KustomizeException(_kustomization.File, entry, field,
                $"cycle detected: '{path}' is already being built ({string.Join(" -> ", _session.InProgress.Reverse().Append(path))})");
        }

        if (_session.CheckoutOf(_kustomization.Directory) is { } checkout && !PathText.IsWithin(path, checkout.Directory))
        {
            throw new KustomizeException(_kustomization.File, entry, field,
                $"security risk: '{path}' is outside the repository cloned for '{RemoteResource.Redact(checkout.Spec.Raw)}'; a remote base may only refer to directories in its own repository");
        }

        var sub = Load(_session, path);
        _session.InProgress.Push(path);
        return sub;
    }

    private void AccumulateComponent(ResourceList resources, TransformerConfig config, string entry)
    {
        var path = _loader.Resolve(entry);
        if (!_session.FileSystem.IsDirectory(path) && !_session.FileSystem.IsFile(path) && RemoteResource.Looks(entry))
        {
            var remote = new RemoteResource(_session, _kustomization.File, "components");
            if (_session.Options.RemoteFetcher is null)
            {
                throw remote.Refuse(entry);
            }

            if (!Remote.GitRepoSpec.TryParse(entry, out var spec, out var notRepository))
            {
                throw new KustomizeException(_kustomization.File, RemoteResource.Redact(entry), "components",
                    $"'{RemoteResource.Redact(entry)}' is not a git URL kustomize accepts ({notRepository}); check the entry");
            }

            path = remote.CloneRoot(spec!);
            var root = path;
            remote.Within(spec!, root, () => AccumulateComponentAt(resources, config, root, entry));
            return;
        }

        AccumulateComponentAt(resources, config, path, entry);
    }

    private void AccumulateComponentAt(ResourceList resources, TransformerConfig config, string path, string entry)
    {
        if (!_session.FileSystem.IsDirectory(path))
        {
            throw new KustomizeException(_kustomization.File, entry, "components", $"component '{path}' must be a directory with a kustomization file");
        }

        var component = LoadNested(path, entry, "components");
        try
        {
            if (!component._kustomization.IsComponent)
            {
                throw new KustomizeException(_kustomization.File, entry, "components",
                    $"expected kind 'Component' for path '{path}' but got 'Kustomization'");
            }

            component.Accumulate(resources, config);
            MergeVars(component.Vars);
        }
        finally
        {
            _session.InProgress.Pop();
        }
    }

    private void RunGenerators(ResourceList resources)
    {
        var options = _kustomization.Get("generatorOptions");
        foreach (var (field, isSecret) in new[] { ("configMapGenerator", false), ("secretGenerator", true) })
        {
            foreach (var args in _kustomization.Objects(field))
            {
                var generated = ConfigDataGenerator.Generate(args, isSecret, options, _loader, _kustomization);
                GeneratedResourceMerger.Absorb(resources, generated, _kustomization.File, field);
            }
        }
    }

    /// <summary>
    /// `openapi:`: the first kustomization of the build that sets it decides the schema for the rest of the build, as
    /// kyaml's SetSchema does (a custom document replaces the built-in Kubernetes schema; `version` may only name the
    /// built-in v1.21.2).
    /// </summary>
    private void ConfigureOpenApi()
    {
        if (_session.SchemaConfigured || _kustomization.Get("openapi") is not { } openapi)
        {
            return;
        }

        var version = openapi.GetString("version");
        var path = openapi.GetString("path");
        if (version is not null && path is not null)
        {
            throw new KustomizeException(_kustomization.File, null, "openapi", "builtin version and custom schema provided, cannot use both");
        }

        if (path is not null)
        {
            _session.UseSchema(KubernetesSchema.Parse(_loader.ReadFile(path, "openapi"), _loader.Resolve(path)));
        }
        else if (version is not null && version != "v1.21.2")
        {
            throw new KustomizeException(_kustomization.File, version, "openapi.version",
                "the only built-in Kubernetes schema is v1.21.2 (the one kustomize v5.5 compiles in); give a custom schema with openapi.path instead");
        }

        _session.SchemaConfigured = true;
    }
}
