var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/stock/{sku}", (string sku) => Results.Ok(new { sku, quantity = 0 }));
app.Run();
