namespace Gyre.Controllers.Receivers;

/// <summary>A Receiver's token Secret is missing or incomplete; retried with backoff, since creating the Secret fixes it.</summary>
internal sealed class ReceiverTokenException(string message) : Exception(message);
