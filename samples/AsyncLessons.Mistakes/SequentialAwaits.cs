using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the gather lesson (see samples/AsyncLessons.Samples for the right one).</summary>
public static class SequentialAwaits
{
    public static async Task<string> LoadDashboardAsync(int customerId)
    {
        // AL0001: three independent calls awaited one after another take about 3 s; started together and awaited
        // with Task.WhenAll they take about 1 s.
        var profile = await Backend.GetProfileAsync(customerId);
        var orders = await Backend.GetOrderCountAsync(customerId);
        var balance = await Backend.GetBalanceAsync(customerId);
        return $"{profile}: {orders} orders, balance {balance}";
    }

    private static class Backend
    {
        public static async Task<string> GetProfileAsync(int id)
        {
            await Task.Delay(1000);
            return "customer " + id;
        }

        public static async Task<int> GetOrderCountAsync(int id)
        {
            await Task.Delay(1000);
            return id % 7;
        }

        public static async Task<decimal> GetBalanceAsync(int id)
        {
            await Task.Delay(1000);
            return id * 1.5m;
        }
    }
}
