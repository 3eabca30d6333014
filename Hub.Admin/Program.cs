using Hub.Admin;
using Hub.Admin.Secrets;

// An operator command, not the service (docs/byok.md).
if (RotateMasterKeyCommand.IsRequested(args))
{
    return await RotateMasterKeyCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAdminApi();

await app.RunAsync();
return 0;
