using BookData.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCatalogWeb();

var app = builder.Build();

app.UseCatalogWeb();
app.MapCatalogWeb();

app.Run();

/// <summary>The application's entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
