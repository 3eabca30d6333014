using System.Reflection;
using Hub.Core.Entities;

namespace Hub.Core.Tests.Entities;

public sealed class EntityNamesTests
{
    [Fact]
    public void All_IsEveryConstantOnceIncludingPromptInjection()
    {
        var constants = typeof(EntityNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(28, EntityNames.All.Count);
        Assert.Equal(constants, EntityNames.All);
        Assert.Equal(EntityNames.All.Count, EntityNames.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(EntityNames.PromptInjection, EntityNames.All[^1]);
    }

    [Theory]
    [InlineData("US_SSN", true)]
    [InlineData("PROMPT_INJECTION", true)]
    [InlineData("us_ssn", false)]
    [InlineData("INTERNAL_CODE", false)]
    public void IsKnown_Name_IsCaseSensitive(string name, bool known) => Assert.Equal(known, EntityNames.IsKnown(name));
}
