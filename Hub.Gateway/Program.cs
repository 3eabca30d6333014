using Hub.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapOpenAIApi();
app.MapDefaultEndpoints();

app.Run();
