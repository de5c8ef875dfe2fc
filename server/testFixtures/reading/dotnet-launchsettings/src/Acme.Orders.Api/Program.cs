var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();
builder.Services.AddHttpClient("inventory", c =>
{
    c.BaseAddress = new Uri(builder.Configuration["Inventory:BaseUrl"] ?? "http://localhost:5222");
    c.Timeout = TimeSpan.FromSeconds(10);
});

var app = builder.Build();
app.UseSwagger();
app.UseSwaggerUI();
app.MapGet("/orders/{id:int}", (int id) => id > 0 ? Results.Ok(new { id }) : Results.NotFound());
app.Run();
