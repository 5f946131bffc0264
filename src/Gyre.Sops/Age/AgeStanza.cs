namespace Gyre.Sops.Age;

/// <summary>One recipient stanza of an age header: its type (X25519, scrypt…), arguments and decoded body.</summary>
internal sealed record AgeStanza(string Type, IReadOnlyList<string> Arguments, byte[] Body);
