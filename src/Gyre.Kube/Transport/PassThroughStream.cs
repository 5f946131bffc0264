namespace Gyre.Kube.Transport;

/// <summary>
/// A connection stream whose writes go through <see cref="Process"/> (which splits them into what goes on the wire)
/// and whose reads pass through untouched.
/// </summary>
internal abstract class PassThroughStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var segment in Process(buffer.ToArray()))
        {
            inner.Write(segment.Span);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        foreach (var segment in Process(buffer))
        {
            await inner.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What to put on the wire for bytes the HTTP stack wrote (slices of the input or rewritten copies).</summary>
    protected abstract List<ReadOnlyMemory<byte>> Process(ReadOnlyMemory<byte> input);

    /// <summary>Releases the buffers of the subclass.</summary>
    protected abstract void DisposeBuffers();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            DisposeBuffers();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        DisposeBuffers();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
