using System.Net;
using System.Text;
using Hub.Gateway.Providers.Bedrock;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>Bedrock's error statuses and types (<c>protocols.md</c> 4.3) → what the client sees and whether the router may fall back.</summary>
public sealed class BedrockErrorMapperTests
{
    [Theory]
    [InlineData(400, "ValidationException", "The provided request is not valid.", 400, "invalid_request_error", null, false)]
    [InlineData(401, "UnrecognizedClientException", "The security token included in the request is invalid.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(403, "UnrecognizedClientException", "The security token included in the request is invalid.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(404, "ResourceNotFoundException", "The provided model identifier is invalid.", 404, "invalid_request_error", "model_not_found", false)]
    [InlineData(408, "ModelTimeoutException", "Model has timed out.", 504, "upstream_error", "upstream_timeout", true)]
    [InlineData(413, "ValidationException", "Input is too long.", 413, "invalid_request_error", null, false)]
    [InlineData(424, "ModelErrorException", "The model produced an invalid response.", 502, "upstream_error", "upstream_error", true)]
    [InlineData(429, "ThrottlingException", "Too many requests.", 429, "requests", "rate_limit_exceeded", true)]
    [InlineData(429, "ModelNotReadyException", "Model is not ready.", 429, "requests", "rate_limit_exceeded", true)]
    [InlineData(500, "InternalServerException", "Internal error.", 502, "upstream_error", "upstream_error", true)]
    [InlineData(503, "ServiceUnavailableException", "Bedrock is unable to process your request.", 503, "upstream_error", "upstream_overloaded", true)]
    [InlineData(502, null, "Bad gateway.", 502, "upstream_error", "upstream_error", true)]
    public async Task MapAsync_BedrockError_MappedByStatus(int status, string? errorType, string message, int hubStatus, string type, string? code, bool mayFallback)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent($$"""{"message":"{{message}}"}""", Encoding.UTF8, "application/json"),
        };
        if (errorType is not null)
        {
            response.Headers.Add("x-amzn-ErrorType", $"{errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/");
        }

        var outcome = await BedrockErrorMapper.MapAsync("bedrock", response, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Null(outcome.Response);
        Assert.Equal((hubStatus, type, code, mayFallback), (outcome.Error!.Status, outcome.Error.Type, outcome.Error.Code, outcome.MayFallback));
        if (hubStatus is 400 or 404 or 413)
        {
            Assert.Equal(message, outcome.Error.Message);
        }
        else
        {
            Assert.DoesNotContain(message, outcome.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MapAsync_ClientErrorWithoutJsonBody_SafeMessageOfItsOwn()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html>bad</html>") };

        var outcome = await BedrockErrorMapper.MapAsync("bedrock", response, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal("The provider 'bedrock' refused the request (HTTP 400).", outcome.Error!.Message);
    }

    [Theory]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", "ValidationException")]
    [InlineData("ThrottlingException", "ThrottlingException")]
    [InlineData("", null)]
    public void ErrorType_Header_TypeBeforeTheColon(string header, string? type) =>
        Assert.Equal(type, BedrockErrorMapper.ErrorType(header));

    [Fact]
    public void Message_AwsCapitalisedKey_Read() =>
        Assert.Equal("Denied", BedrockErrorMapper.Message("""{"Message":"Denied"}"""u8));
}
