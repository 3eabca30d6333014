using Hub.Core.Providers;
namespace Hub.Gateway.Providers;

/// <summary>
/// Makes providers of one wire protocol (<see cref="ProtocolNames"/>). Registered with
/// <c>TryAddEnumerable</c>; <see cref="ProviderRegistry"/> picks one per configured provider by
/// <see cref="Name"/>.
/// </summary>
internal interface IChatProtocol
{
    /// <summary>The protocol's name, as <see cref="ProviderOptions.Protocol"/> spells it.</summary>
    string Name { get; }

    /// <param name="id">The provider id (lower case).</param>
    /// <param name="options">Its settings; <paramref name="baseUrl"/> already has the known provider's default applied.</param>
    /// <param name="baseUrl">The API's base URL without a trailing slash.</param>
    /// <param name="http">The shared upstream connection pool.</param>
    IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http);
}
