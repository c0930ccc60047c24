using System;
using System.IO;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// Application code as users write it: a minimal API over EF Core with a Razor component, built with the packed
/// package. A query run synchronously is reported and fixed to its EF Core async operator, the host's main loop is left
/// alone, and an <c>async void</c> handler in the <c>.razor</c> file is reported at its line in that file.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class ApplicationEndToEndTests : IDisposable
{
    private const string ProgramSource = """
        using Microsoft.EntityFrameworkCore;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

        app.MapGet("/adults", async (ShopDb db, CancellationToken cancellationToken) =>
        {
            await Task.Yield();
            return db.Users.Where(u => u.Age >= 18).Count();
        });

        app.Run();

        public class User
        {
            public int Id { get; set; }
            public int Age { get; set; }
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
        {
            public DbSet<User> Users => Set<User>();
        }
        """;

    private const string Component = """
        <button @onclick="Save">Save</button>
        <p>@message</p>

        @code {
            private string message = "";

            private async void Save()
            {
                await Task.Delay(10);
                message = "saved";
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-app-e2e-" + Guid.NewGuid().ToString("N"));

    public ApplicationEndToEndTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Fact]
    public async Task Package_OnAWebApp_FixesTheBlockingQuery_LeavesTheHostAlone_ReportsTheRazorHandler()
    {
        _package.AssertPacked();
        var app = Directory.CreateDirectory(Path.Combine(_work, "app")).FullName;
        Directory.CreateDirectory(Path.Combine(app, "Components"));
        _package.WriteNuGetConfigWithRestoredPackages(app);
        await File.WriteAllTextAsync(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                {_package.PackageReference}
                <PackageReference Include="Microsoft.EntityFrameworkCore" Version="10.0.14" />
              </ItemGroup>
            </Project>
            """);
        var program = Path.Combine(app, "Program.cs");
        await File.WriteAllTextAsync(program, ProgramSource);
        await File.WriteAllTextAsync(Path.Combine(app, "Components", "Saver.razor"), Component);

        // 1. The blocking query and the Razor handler are reported; app.Run() is not.
        var build = await PackedPackageFixture.Dotnet("build -nologo", app);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Program.cs(9,12): warning AL0005: 'Queryable.Count' blocks the thread inside async code; use 'await EntityFrameworkQueryableExtensions.CountAsync' instead", build.Output, StringComparison.Ordinal);
        Assert.Contains("Saver.razor(7,24): warning AL0006: Async method 'Save' returns void", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Program.cs(12,", build.Output, StringComparison.Ordinal);

        // 2. dotnet format applies the EF fix with the token in scope.
        var format = await PackedPackageFixture.Dotnet("format analyzers --diagnostics AL0005 --severity warn", app);
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = await File.ReadAllTextAsync(program);
        Assert.True(fixedProgram.Contains("return await db.Users.Where(u => u.Age >= 18).CountAsync(cancellationToken);", StringComparison.Ordinal), fixedProgram);

        // 3. The fixed app builds, and AL0005 is gone.
        var rebuild = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", app);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("AL0005", rebuild.Output, StringComparison.Ordinal);
        Assert.Contains("Saver.razor(7,24): warning AL0006", rebuild.Output, StringComparison.Ordinal);
    }
}
