namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Adds environment variables when the resource's process is started. Values are strings or
/// <see cref="IValueProvider"/>s (parameters, connection strings, endpoints), resolved at that moment,
/// because ports and generated passwords are not known while Program.cs builds the model.
/// </summary>
public sealed class EnvironmentCallbackAnnotation : IResourceAnnotation
{
    public EnvironmentCallbackAnnotation(Func<EnvironmentCallbackContext, Task> callback) => Callback = callback;

    public EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> callback)
        : this(context =>
        {
            callback(context);
            return Task.CompletedTask;
        })
    {
    }

    public Func<EnvironmentCallbackContext, Task> Callback { get; }
}

public sealed class EnvironmentCallbackContext(CancellationToken cancellationToken = default)
{
    /// <summary>Name → <see cref="string"/> or <see cref="IValueProvider"/>.</summary>
    public Dictionary<string, object> EnvironmentVariables { get; } = new(StringComparer.Ordinal);

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
