using Hub.Scanner.Images;

namespace Hub.Scanner.Tests.Images;

/// <summary>
/// Files written by a real encoder rather than by <see cref="ImageHeaderBuilder"/>, so the readers are not
/// only checked against this project's own reading of the specifications. All are 37×23, made with
/// ImageMagick 6.9.11-60: <c>convert -size 37x23 gradient:red-blue -strip [options] FORMAT:- | base64</c>
/// (JPEG -quality 50, progressive with -interlace Plane; WebP lossless with -define webp:lossless=true, the
/// extended one from a transparent canvas; GIF -colors 4; BMP (a 108-byte V4 header; bmp3 a 40-byte one) and TIFF -monochrome, TIFF -compress zip,
/// big-endian with -endian MSB).
/// </summary>
public sealed class RealEncoderImageTests
{
    private static readonly Dictionary<string, (ImageFormat Format, string Base64)> Files = new()
    {
        ["png"] = (ImageFormat.Png,
            "iVBORw0KGgoAAAANSUhEUgAAACUAAAAXEAIAAABT3s2xAAAAuklEQVRYw+2WsQ2DMBAA7yV3UEPPABkgAzAFZopskS3CFAyQATIA" +
            "PfSmJgVNEqQoUvR62fKVlpHupJd52TYSRkIHxWCtoZY3j1C31hpqeVMFzWKtoYULPZQ3aw0t5P6A88laQwu3+pSfFhc8lDkvTvJw" +
            "xoxb+8+8fU0T+fbZ6yq33zye/MPR4RerI3LxcE32v5f8cOanJV5Sz8vDGTHSLDBV1hpqeXUL82itoZZXDBA6aw21PHhfqNLiCRJ2" +
            "OC1Th7oaAAAAAElFTkSuQmCC"),
        ["jpeg-baseline"] = (ImageFormat.Jpeg,
            "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i" +
            "Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj" +
            "Y2NjY2NjY2P/wAARCAAXACUDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAFRABAQAAAAAAAAAAAAAAAAAAABL/" +
            "xAAWAQEBAQAAAAAAAAAAAAAAAAAABgP/xAAaEQACAgMAAAAAAAAAAAAAAAAAAhNhFBVR/9oADAMBAAIRAxEAPwDBstPZbfX0UmdZ" +
            "RZaeyzX0M6yixPYa+hnWTWWCwiThKysLLAiTglYWARJwSsf/2Q=="),
        ["jpeg-progressive"] = (ImageFormat.Jpeg,
            "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i" +
            "Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj" +
            "Y2NjY2NjY2P/wgARCAAXACUDASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAME/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUC" +
            "/9oADAMBAAIQAxAAAAHAm3SomKJiQsSgAP/EABQQAQAAAAAAAAAAAAAAAAAAADD/2gAIAQEAAQUCf//EABcRAQADAAAAAAAAAAAA" +
            "AAAAAAABEhP/2gAIAQMBAT8B3bt1pWlaX//EABcRAQADAAAAAAAAAAAAAAAAAAABEhT/2gAIAQIBAT8Bzs7OrCsKw//EABQQAQAA" +
            "AAAAAAAAAAAAAAAAADD/2gAIAQEABj8Cf//EABUQAQEAAAAAAAAAAAAAAAAAAAAR/9oACAEBAAE/Iaqqqqqqqqqv/9oADAMBAAIA" +
            "AwAAABAIIL777//EABYRAQEBAAAAAAAAAAAAAAAAAHEAIP/aAAgBAwEBPxBSlir/xAAWEQEBAQAAAAAAAAAAAAAAAAAAYXH/2gAI" +
            "AQIBAT8Qwwwmmm//xAAUEAEAAAAAAAAAAAAAAAAAAAAw/9oACAEBAAE/EH//AP8A/9k="),
        ["webp-lossy"] = (ImageFormat.WebP,
            "UklGRmYAAABXRUJQVlA4IFoAAAAwBACdASolABcAPtFkq1C6pSOipWgDUBoJagDPGpBvARf/tAAFf6YwOygA/u4T3pIHDyq4htUK" +
            "Oj//mc5+nGhWLxN84bqM3jGor8TNSPn8tee6Fft4vgECAAA="),
        ["webp-lossless"] = (ImageFormat.WebP,
            "UklGRlIAAABXRUJQVlA4TEYAAAAvJIAFAJmM6H9sIqL/AcVt2zjcf+1c7/cjk7Zp/dvd7goJUkjXIJu0sdCpY68QGBJ7DG+7utzE" +
            "BxAKAiRAJUIglLE+5TMA"),
        ["webp-alpha"] = (ImageFormat.WebP,
            "UklGRjYBAABXRUJQVlA4WAoAAAAQAAAAJAAAFgAAQUxQSGkAAAABP0CmARkmgInglMZERICV94BRbdtKPl6DEYw1kBPAbv/17EuB" +
            "iP4zcNu2Ebt3e/cLlzwM571khvYH0BleUCj1EkyvWrk70zwcCs0nVJpfqDUQGq/Mq9trmdf38PlqXt/W5w/4/afUwQEAVlA4IKYA" +
            "AAAwBACdASolABcAPtFcp04oJSOiKqgBABoJZgDDjYrdyn9d/R0AvnpKtPAA/vAm//6H0IYKBCNWOKSd3X+TH6wKUcF3XmAjP+mM" +
            "cD7//JM/l3QfHbf+7+Qx2qV3IKLr+DXxAv//HPj5f+3X5x7g2pu91O72s/8PDP+L//0quWcqVdD5ry3HWFob+2mCKqFW/w7pZEps" +
            "d/idPlXx/x9kFSxedBJPAAAA"),
        ["gif87a"] = (ImageFormat.Gif,
            "R0lGODdhJQAXAPEAAMUAOjsAxIAAgAAAACwAAAAAJQAXAAACZ4SPqcvtD6OctNqLMxCIJ994YjeNB3gaIseqaWqCwjxvNUvnuW3T" +
            "va8L3obCn/CITCIDyqaA+ZwFoFRaVfqkMqFRa5U7xYbDWfFXm52Ot9t0ef1Wy+f0uv2Oz+v3/L7/DxgoOEiYVwAAOw=="),
        ["gif89a"] = (ImageFormat.Gif,
            "R0lGODlhJQAXAPEAAMUAOjsAxIAAgAAAACH5BAAAAAAALAAAAAAlABcAAAJnhI+py+0Po5y02oszEIgn33hiN40HeBoix6ppaoLC" +
            "PG81S+e5bdO9rwvehsKf8IhMIgPKpoD5nAWgVFpV+qQyoVFrlTvFhsNZ8VebnY6323R5/VbL5/S6/Y7P6/f8vv8PGCg4SJhXAAA7"),
        ["bmp-v4"] = (ImageFormat.Bmp,
            "Qk06AQAAAAAAAIIAAABsAAAAJQAAABcAAAABAAEAAAAAALgAAAAAAAAAAAAAAAIAAAACAAAAAAD/AAD/AAD/AAAAAAAA/0JHUnMA" +
            "AAAAAAAAAAAAAEAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAD///8AAAAAAP/////4AAAA//////gAAAD/////" +
            "+AAAAP/////4AAAA//////gAAAD/////+AAAAP/////4AAAA/f////gAAADXtZmbaAAAAG1u/9loAAAAWlokbrgAAACrq6miqAAA" +
            "AFRUVVkQAAAAUVCiQmgAAAAEBQgMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
            "AAAAAAAAAAAAAAAAAAA="),
        ["bmp-v3"] = (ImageFormat.Bmp,
            "Qk32AAAAAAAAAD4AAAAoAAAAJQAAABcAAAABAAEAAAAAALgAAAAAAAAAAAAAAAIAAAACAAAA////AAAAAAD/////+AAAAP/////4" +
            "AAAA//////gAAAD/////+AAAAP/////4AAAA//////gAAAD/////+AAAAP3////4AAAA17WZm2gAAABtbv/ZaAAAAFpaJG64AAAA" +
            "q6upoqgAAABUVFVZEAAAAFFQokJoAAAABAUIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ["tiff-ii"] = (ImageFormat.Tiff,
            "SUkqAG4AAAB42u2ROw7AMAhD4f6HpoqiFGMIQ9URhiB+z0SYyU9mQxoSkJSoK/ZcrvIWu/v0KcWRtz3TNVA6mhZ9Z6OoEetdjPq9" +
            "hm+fJ1Bfkoq8OZzlzupK+LsbuaL6paLnl7XGxr7bA7yVsZ4OAAABAwABAAAAJQAAAAEBAwABAAAAFwAAAAIBAwABAAAAEAAAAAMB" +
            "AwABAAAACAAAAAYBAwABAAAAAQAAAAoBAwABAAAAAQAAABEBBAABAAAACAAAABIBAwABAAAAAQAAABUBAwABAAAAAQAAABYBAwAB" +
            "AAAAFwAAABcBBAABAAAAZgAAABwBAwABAAAAAQAAACkBAwACAAAAAAABAD0BAwABAAAAAgAAAAAAAAA="),
        ["tiff-mm"] = (ImageFormat.Tiff,
            "SUkqAG4AAAB42u2ROw7AMAhD4f6HpoqiFGMIQ9URhiB+z0SYyU9mQxoSkJSoK/ZcrvIWu/v0KcWRtz3TNVA6mhZ9Z6OoEetdjPq9" +
            "hm+fJ1Bfkoq8OZzlzupK+LsbuaL6paLnl7XGxr7bA7yVsZ4OAAABAwABAAAAJQAAAAEBAwABAAAAFwAAAAIBAwABAAAAEAAAAAMB" +
            "AwABAAAACAAAAAYBAwABAAAAAQAAAAoBAwABAAAAAQAAABEBBAABAAAACAAAABIBAwABAAAAAQAAABUBAwABAAAAAQAAABYBAwAB" +
            "AAAAFwAAABcBBAABAAAAZgAAABwBAwABAAAAAQAAACkBAwACAAAAAAABAD0BAwABAAAAAgAAAAAAAAA="),
    };

    public static TheoryData<string> FileNames => [.. Files.Keys];

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Check_RealEncoderOutput_IsSizedExactly(string name)
    {
        var (format, base64) = Files[name];

        using var result = ImageGate.Check(base64, ImageLimits.Default);

        Assert.True(result.IsAccepted, result.Refusal?.Message);
        Assert.Equal(new ImageDimensions(format, 37, 23), result.Dimensions);
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Read_EveryPrefixOfARealFile_IsRefusedOrSizedExactly(string name)
    {
        var (format, base64) = Files[name];
        var bytes = Convert.FromBase64String(base64);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var result = ImageHeader.Read(bytes.AsSpan(0, length));

            Assert.True(!result.IsAccepted || result.Dimensions == new ImageDimensions(format, 37, 23), $"prefix of {length} bytes");
        }
    }
}
