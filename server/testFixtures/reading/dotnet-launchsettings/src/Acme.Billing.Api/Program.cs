var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapPost("/invoices", () => Results.StatusCode(201));
app.Run();
