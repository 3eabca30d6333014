
namespace Hub.Scanner.Recognizers.Financial;

internal static class FinancialAndIdentityRecognizersExtensions
{
    /// <summary>CREDIT_CARD, IBAN_CODE, US_BANK_NUMBER, CRYPTO_ADDRESS, US_ITIN, US_SSN, US_PASSPORT, UK_NINO, UK_NHS_NUMBER, MEDICAL_LICENSE, US_DRIVER_LICENSE, PHONE_NUMBER.</summary>
    public static IServiceCollection AddFinancialAndIdentityRecognizers(this IServiceCollection services)
    {
        // Filled in by the recognizers of this folder: services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, XRecognizer>());
        return services;
    }
}
