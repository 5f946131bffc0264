namespace Gyre.Templates.Execution;

/// <summary>Bounds shared by one top-level execution and everything it nests (template calls, include, tpl).</summary>
internal sealed class ExecutionBudget(long maxOutputChars)
{
    // Nested template calls recurse in C#; when the current stack runs low the walk continues on a fresh thread with
    // its own stack, so Go's depth limit (100000) is reachable without overflowing the stack.
    private const int ThreadStackBytes = 256 * 1024 * 1024;

    private long _outputChars;

    public int Nesting { get; private set; }

    public Dictionary<string, int> IncludeDepth { get; } = new(StringComparer.Ordinal);

    public void AddOutput(int chars)
    {
        _outputChars += chars;
        if (_outputChars > maxOutputChars)
        {
            throw new OutputLimitException(maxOutputChars);
        }
    }

    /// <summary>Runs a nested call, hopping to a new thread when the current one has taken enough levels.</summary>
    public T Nest<T>(Func<T> body)
    {
        Nesting++;
        try
        {
            if (System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                return body();
            }
            T result = default!;
            Exception? failure = null;
            var thread = new Thread(
                () =>
                {
                    try
                    {
                        result = body();
                    }
#pragma warning disable CA1031 // rethrown on the calling thread below
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        failure = e;
                    }
                },
                ThreadStackBytes);
            thread.Start();
            thread.Join();
            if (failure != null)
            {
                // Rethrown without its (very deep) stack trace: template errors carry their location as data.
                throw failure;
            }
            return result;
        }
        finally
        {
            Nesting--;
        }
    }
}
