using System.Text.Json;
using Hub.Core.Billing;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Billing;

/// <summary>
/// The 402 a request gets when the wallet or a budget cannot pay for it: OpenAI's error shape with the
/// figures a client needs to act (what is available, what the request needs, and which budget).
/// </summary>
internal sealed class InsufficientCreditsResult(CreditShortfall shortfall, string correlationId)
{
    public const string WalletErrorType = "insufficient_balance";
    public const string BudgetErrorType = "budget_exceeded";

    public string ErrorType => shortfall.Account.Budget is null ? WalletErrorType : BudgetErrorType;

    public Task ExecuteAsync(HttpContext context) => OpenAIErrorWriter.WriteAsync(context, StatusCodes.Status402PaymentRequired, Body());

    internal byte[] Body()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", Message());
            writer.WriteString("type", ErrorType);
            writer.WriteNull("param");
            writer.WriteNumber("code", StatusCodes.Status402PaymentRequired);
            if (shortfall.Account.Budget is { } budget)
            {
                writer.WriteStartObject("budget");
                writer.WriteString("id", budget.Id);
                writer.WriteString("scope", budget.Scope);
                writer.WriteString("scope_id", budget.ScopeId);
                writer.WriteString("period", budget.Period);
                writer.WriteNumber("amount", budget.AmountCredits);
                writer.WriteString("period_start", shortfall.Account.PeriodStart);
                writer.WriteEndObject();
                writer.WriteNumber("available", Math.Max(shortfall.Available, 0));
            }
            else
            {
                writer.WriteNumber("balance", Math.Max(shortfall.Available, 0));
            }

            writer.WriteNumber("required", shortfall.Required);
            writer.WriteString("currency", "credits");
            writer.WriteString("correlation_id", correlationId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string Message()
    {
        var available = Credits.Format(Math.Max(shortfall.Available, 0));
        var required = Credits.Format(shortfall.Required);
        return shortfall.Account.Budget is null
            ? $"Insufficient balance: request needs an estimated {required} credits, {available} available."
            : $"Budget exceeded: the {shortfall.Account.Describe()} has {available} credits left; the request needs an estimated {required}.";
    }
}
