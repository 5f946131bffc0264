namespace Gyre.Kube;

/// <summary>One entry of a metav1.Status <c>details.causes</c> list: which field failed and why.</summary>
/// <param name="Reason">A machine-readable cause such as <c>FieldValueRequired</c> or <c>FieldValueInvalid</c>.</param>
/// <param name="Message">The server's human-readable explanation.</param>
/// <param name="Field">The field path the cause refers to, e.g. <c>spec.replicas</c>.</param>
public sealed record KubeStatusCause(string? Reason, string? Message, string? Field);
