using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncLessons.Mistakes;

/// <summary>The wrong version of the "gather many" lesson (see samples/AsyncLessons.Samples for the right one).</summary>
public static class AwaitInLoop
{
    public static async Task<List<string>> DownloadAllAsync(IEnumerable<int> pageIds)
    {
        var pages = new List<string>();
        foreach (var pageId in pageIds)
        {
            // AL0007: each page waits for the previous one; Task.WhenAll over the ids would fetch them together.
            pages.Add(await Web.FetchPageAsync(pageId));
        }

        return pages;
    }

    private static class Web
    {
        public static async Task<string> FetchPageAsync(int id)
        {
            await Task.Delay(200);
            return "page " + id;
        }
    }
}
