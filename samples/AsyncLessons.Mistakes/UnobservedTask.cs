using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the "coroutines must be awaited" lesson (see samples/AsyncLessons.Samples for the right one).</summary>
public sealed class UnobservedTask
{
    private readonly List<string> _log = new();

    public static Task BrewCoffeeAsync(string name) => Task.Delay(10);

    public void Start()
    {
        // AL0003: the Task is dropped; nobody sees its failure and 'Start' returns before the coffee is brewed.
        BrewCoffeeAsync("espresso");
        _log.Add("started");
    }

    public void StartAll(List<string> names)
    {
        // AL0003: List.ForEach takes an Action, so every Task the lambda makes is thrown away.
        names.ForEach(name => BrewCoffeeAsync(name));
    }

    public async Task StartLaterAsync(UnobservedTask? other)
    {
        // AL0003: the compiler's CS4014 does not look at '?.' calls.
        other?.StartCoffeeAsync();

        // AL0003: kept in a local that nobody awaits or reads.
        var pending = BrewCoffeeAsync("latte");
        await Task.Yield();
    }

    public Task StartCoffeeAsync() => BrewCoffeeAsync("mocha");
}
