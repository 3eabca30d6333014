using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Recognizers.Phone;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scanner.Recognizers.Financial;

internal static class FinancialAndIdentityRecognizersExtensions
{
    /// <summary>CREDIT_CARD, IBAN_CODE, US_BANK_NUMBER, CRYPTO_ADDRESS, US_ITIN, US_SSN, US_PASSPORT, UK_NINO, UK_NHS_NUMBER, MEDICAL_LICENSE, US_DRIVER_LICENSE, PHONE_NUMBER.</summary>
    public static IServiceCollection AddFinancialAndIdentityRecognizers(this IServiceCollection services)
    {
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IRecognizer, CreditCardRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, IbanRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UsBankNumberRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, CryptoAddressRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UsSsnRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UsItinRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UsPassportRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UsDriverLicenseRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UkNinoRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, UkNhsNumberRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, MedicalLicenseRecognizer>(),
            ServiceDescriptor.Singleton<IRecognizer, PhoneNumberRecognizer>(),
        ]);
        return services;
    }
}
