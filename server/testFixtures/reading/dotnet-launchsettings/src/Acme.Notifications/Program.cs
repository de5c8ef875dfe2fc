var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
const int MaxBatch = 500;
app.MapPost("/notify", () => Results.Accepted());
app.Run("http://localhost:5240");
