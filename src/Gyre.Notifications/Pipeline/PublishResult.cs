namespace Gyre.Notifications.Pipeline;

/// <summary>What publishing an event did: dropped as a duplicate (HTTP 429 at the endpoint), or queued for N deliveries.</summary>
public readonly record struct PublishResult(bool RateLimited, int Deliveries);
