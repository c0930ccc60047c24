using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Rules;

public partial class SyncIOInAsyncTests
{
    private const string DependencyInjection = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            using System;
            using System.Threading.Tasks;

            public interface IServiceScope : IDisposable
            {
                IServiceProvider ServiceProvider { get; }
            }

            public interface IServiceScopeFactory
            {
                IServiceScope CreateScope();
            }

            public readonly struct AsyncServiceScope : IServiceScope, IAsyncDisposable
            {
                public IServiceProvider ServiceProvider => null!;
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }

            public static class ServiceProviderServiceExtensions
            {
                public static IServiceScope CreateScope(this IServiceProvider provider) => null!;
                public static AsyncServiceScope CreateAsyncScope(this IServiceProvider provider) => default;
                public static AsyncServiceScope CreateAsyncScope(this IServiceScopeFactory factory) => default;
                public static T GetRequiredService<T>(this IServiceProvider provider) where T : notnull => default!;
            }
        }

        namespace App
        {
            /// <summary>A service whose DisposeAsync does asynchronous work, as a DbContext's does.</summary>
            public class Context : System.IDisposable, System.IAsyncDisposable
            {
                public void Dispose() { }
                public virtual async System.Threading.Tasks.ValueTask DisposeAsync() => await System.Threading.Tasks.Task.Yield();
            }

            public sealed class Clock : System.IDisposable
            {
                public void Dispose() { }
            }
        }

        """;

    // ---- Service scopes: where it fires ---------------------------------------------------------------------

    [Fact]
    public Task CreateScopeResolvingAGenericContext_Diagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Migrator
            {
                async Task Migrate<TContext>(IServiceProvider services) where TContext : Context
                {
                    using var scope = [|services.CreateScope()|];
                    await Task.Yield();
                    _ = scope.ServiceProvider.GetRequiredService<TContext>();
                }
            }
        }
        """);

    // ---- Service scopes: where it stays silent --------------------------------------------------------------

    [Fact]
    public Task CreateScopeOutsideUsingOrInSyncCode_NoDiagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task<IServiceScope> Keep(IServiceProvider services)
                {
                    await Task.Yield();
                    return services.CreateScope();
                }

                void Sync(IServiceProvider services)
                {
                    using var scope = services.CreateScope();
                }
            }
        }
        """);

    [Fact]
    public Task CreateScopeWhoseServicesDisposeSynchronouslyOrAreResolvedElsewhere_NoDiagnostic() => VerifyAnalyzer(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services)
                {
                    using (var scope = services.CreateScope())
                    {
                        await Task.Yield();
                        _ = scope.ServiceProvider.GetRequiredService<Clock>();
                    }

                    using var other = services.CreateScope();
                    await UseAsync(other);
                }

                static Task UseAsync(IServiceScope scope) => Task.CompletedTask;
            }
        }
        """);

    // ---- Service scopes: the fix ----------------------------------------------------------------------------

    [Fact]
    public Task CreateScopeAsUsingResource_DiagnosticAndFix() => VerifyFix(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services, IServiceScopeFactory factory)
                {
                    using var scope = services.[|CreateScope()|];
                    using (var other = factory.[|CreateScope()|])
                    {
                        await Task.Yield();
                        _ = other.ServiceProvider.GetRequiredService<Context>();
                    }

                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """.Replace("services.[|CreateScope()|]", "[|services.CreateScope()|]").Replace("factory.[|CreateScope()|]", "[|factory.CreateScope()|]"), DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services, IServiceScopeFactory factory)
                {
                    await using var scope = services.CreateAsyncScope();
                    await using (var other = factory.CreateAsyncScope())
                    {
                        await Task.Yield();
                        _ = other.ServiceProvider.GetRequiredService<Context>();
                    }

                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """);

    [Fact]
    public Task CreateScopeWithExplicitType_DiagnosticWithoutFix() => VerifyNoFix(DependencyInjection + """
        namespace App
        {
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            class Worker
            {
                async Task Run(IServiceProvider services)
                {
                    using IServiceScope scope = [|services.CreateScope()|];
                    await Task.Yield();
                    _ = scope.ServiceProvider.GetRequiredService<Context>();
                }
            }
        }
        """);
}
