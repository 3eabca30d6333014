namespace Hub.Core.Policies;

/// <summary>What a policy does with the images of a request (issue #9).</summary>
public enum ImageMode
{
    /// <summary>OCR each image and scan its text like message text: BLOCK refuses, REDACT fills the words' boxes. The default.</summary>
    Scan,

    /// <summary>Refuse every request that carries an image.</summary>
    BlockAll,

    /// <summary>Forward images unread: for teams that trust them (and pay nothing for OCR).</summary>
    Allow,
}

/// <summary>What happens to an <c>https://</c> image URL when images are scanned.</summary>
public enum RemoteImageMode
{
    /// <summary>Hub fetches the image (public addresses only, size and time limits), scans it and forwards what it scanned. The default.</summary>
    Fetch,

    /// <summary>Refuse requests with remote images: only inline <c>data:</c> images are accepted.</summary>
    Refuse,
}

/// <summary>What happens when OCR of an image reaches its deadline, so only part of it was read.</summary>
public enum OcrTimeoutAction
{
    /// <summary>Refuse the request: an unread part may hold anything. The default (fail closed).</summary>
    Block,

    /// <summary>Scan what was read and go on.</summary>
    Allow,
}

/// <summary>A policy's image settings: <c>images</c>, <c>remote_images</c> and <c>image_ocr_timeout</c>.</summary>
public sealed record ImageRules(ImageMode Mode, RemoteImageMode Remote, OcrTimeoutAction OnTimeout)
{
    /// <summary>Scan images, fetch remote ones, block on an OCR timeout.</summary>
    public static ImageRules Default { get; } = new(ImageMode.Scan, RemoteImageMode.Fetch, OcrTimeoutAction.Block);

    public static PolicyWords<ImageMode> Modes { get; } = new(("scan", ImageMode.Scan), ("block_all", ImageMode.BlockAll), ("allow", ImageMode.Allow));

    public static PolicyWords<RemoteImageMode> RemoteModes { get; } = new(("fetch", RemoteImageMode.Fetch), ("refuse", RemoteImageMode.Refuse));

    public static PolicyWords<OcrTimeoutAction> TimeoutActions { get; } = new(("block", OcrTimeoutAction.Block), ("allow", OcrTimeoutAction.Allow));
}
