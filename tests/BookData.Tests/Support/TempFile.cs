using System.Text;

namespace BookData.Tests.Support;

/// <summary>A file in a fresh temp folder, deleted with the folder when the test ends.</summary>
public sealed class TempFile : IDisposable
{
    private TempFile(string fileName)
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bookdata-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, fileName);
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>A file holding <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static TempFile WithText(string text, string fileName = "books.csv") => WithBytes(new UTF8Encoding(false).GetBytes(text), fileName);

    public static TempFile WithBytes(byte[] bytes, string fileName = "books.csv")
    {
        var file = new TempFile(fileName);
        File.WriteAllBytes(file.Path, bytes);
        return file;
    }

    /// <summary>A path in a fresh folder where no file exists yet.</summary>
    public static TempFile NotCreated(string fileName = "books.csv") => new(fileName);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
