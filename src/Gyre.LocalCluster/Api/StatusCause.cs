namespace Gyre.LocalCluster.Api;

/// <summary>One cause of a failed request (metav1.StatusCause): reason such as FieldValueInvalid, the message and the field path.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
