using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AsyncLessons.Mistakes;

/// <summary>
/// The wrong version of "gather safely": work that shares a resource started all at once (see
/// samples/AsyncLessons.Samples' files lesson for the right one).
/// </summary>
public static class SharedResource
{
    /// <summary>The notes' own example: <c>asyncio.gather(write_task, read_task)</c> on one file.</summary>
    public static async Task<string> WriteThenReadAsync(string filename)
    {
        var writeTask = File.WriteAllTextAsync(filename, "Hello, world!");
        var readTask = File.ReadAllTextAsync(filename);

        // AL0008: the read races the write; it may find no file, an empty one, or half of the text.
        await Task.WhenAll(writeTask, readTask);
        return await readTask;
    }

    public static async Task SendFrameAsync(Stream stream, byte[] header, byte[] body)
    {
        // AL0008: two writes on one stream at the same time interleave, or throw.
        await Task.WhenAll(stream.WriteAsync(header, 0, header.Length), stream.WriteAsync(body, 0, body.Length));
    }

    public static async Task<int[]> CountBothAsync(DbConnection connection)
    {
        // AL0008: a connection runs one command at a time ("A command is already in progress").
        return await Task.WhenAll(CountAsync(connection, "customers"), CountAsync(connection, "orders"));
    }

    public static async Task<int> LoadDashboardAsync(ShopContext db)
    {
        var customersTask = db.Customers.ToListAsync();
        var ordersTask = db.Orders.ToListAsync();

        // AL0008: EF Core throws "A second operation was started on this context instance".
        await Task.WhenAll(customersTask, ordersTask);
        return customersTask.Result.Count + ordersTask.Result.Count;
    }

    private static async Task<int> CountAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}

public sealed class Customer
{
    public int Id { get; set; }
}

public sealed class Order
{
    public int Id { get; set; }
}

public sealed class ShopContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();
}
