using Hub.AppHost.Secrets;
using Hub.AppHost.Summary;
using Hub.Core.Keys;
using Hub.Core.Randomness;

// An operator command for a running AppHost, not a run (docs/byok.md).
if (MasterKeyRotationCommand.IsRequested(args))
{
    Environment.ExitCode = await MasterKeyRotationCommand.RunAsync(args[1..], new Projects.Hub_Admin());
    return;
}

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var hubdb = postgres.AddDatabase("hubdb");
var cache = builder.AddRedis("cache");

// Generated on the first run and kept in <data-dir>/secrets.json: scripts keep working across restarts.
var apiKey = builder.AddParameter("dev-api-key", () => ApiKeyFormat.Generate(ApiKeyKind.Project, CryptoRandomSource.Instance), secret: true);
var adminToken = builder.AddParameter("dev-admin-token", () => ApiKeyFormat.Generate(ApiKeyKind.Admin, CryptoRandomSource.Instance), secret: true);

// <data-dir>/master.key, generated on the first run: it wraps the organizations' data keys (BYOK). Services get its path, never the key.
var masterKey = builder.AddDevelopmentMasterKey();

// Images in chat requests are OCR-scanned (Tesseract, which ./hub.sh installs); without OCR the gateway refuses them.
var scanner = builder.AddProject<Projects.Hub_Scanner>("scanner")
    .WithReference(cache)
    .WithEnvironment("Scanner__Ocr__Enabled", "true");

// Admin owns the schema: it migrates, then creates the development organization and project with these credentials.
var admin = builder.AddProject<Projects.Hub_Admin>("admin")
    .WithReference(hubdb).WithReference(cache)
    .WaitFor(hubdb).WaitFor(cache)
    .WithEnvironment("Bootstrap__ApiKey", apiKey)
    .WithEnvironment("Bootstrap__AdminToken", adminToken)
    .WithMasterKey(masterKey);

var gateway = builder.AddProject<Projects.Hub_Gateway>("gateway")
    .WithReference(hubdb).WithReference(cache).WithReference(scanner).WithReference(admin)
    .WaitFor(admin).WaitFor(scanner)
    .WithMasterKey(masterKey)
    .WithEnvironment("Providers__mock__Enabled", "true")

    // The offline echo provider costs nothing, so it works with an empty wallet.
    .WithEnvironment("Providers__mock__UnlistedModelPrice__InputPerMillionUsd", "0")
    .WithEnvironment("Providers__mock__UnlistedModelPrice__OutputPerMillionUsd", "0");

builder.AddEndpointsSummary(gateway, admin, scanner, hubdb, apiKey, adminToken);

builder.Build().Run();
