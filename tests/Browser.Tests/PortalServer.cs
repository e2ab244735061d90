using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;

namespace PortailFamille.Browser.Tests;

/// <summary>
/// The API as a real process on a free loopback port (the browser needs a socket), on a database of its own next
/// to the test database, with the application clock at Monday 14 September 2026, 10:00 in Paris; and Debian's
/// Chromium driven by Playwright (a downloaded browser cannot work on this machine kind).
/// </summary>
public partial class PortalServer : IAsyncLifetime
{
    public const string StaffEmail = "navigateur@mairie.test";
    public const string StaffPassword = "Navigateur-Mairie-2026!";
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _api;
    private int _port;

    /// <summary>Where the application clock starts (the API's Clock__Now); <see cref="TravelToAsync"/> moves it.</summary>
    public string ClockStart { get; private set; } = "2026-09-14T08:00:00Z";

    /// <summary>The axe-core report's file under artifacts/browser (one per server: they run side by side).</summary>
    protected virtual string AxeReportName => "axe-report.md";
    private string _database = "";
    private string _adminConnection = "";

    public string Url { get; private set; } = "";
    public string Connection { get; private set; } = "";
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "portail-browser-mails-" + Guid.NewGuid().ToString("N"));
    public string Repository { get; } = FindRepository();
    public string Artefacts => Path.Combine(Repository, "artifacts", "browser");
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public System.Text.StringBuilder ApiLog { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (ops/test does it as root: apt-get install -y chromium).");
        _adminConnection = Environment.GetEnvironmentVariable("ConnectionStrings__Portail")
            ?? throw new InvalidOperationException("ConnectionStrings__Portail is not set: run the tests with ops/test, which starts PostgreSQL.");
        _database = $"portail_browser_{Guid.NewGuid():N}"[..32];
        await using (var admin = NpgsqlDataSource.Create(_adminConnection))
        await using (var create = admin.CreateCommand($"create database {_database}"))
            await create.ExecuteNonQueryAsync();
        Connection = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _database }.ConnectionString;

        _port = FreePort();
        Url = $"http://127.0.0.1:{_port}";
        Directory.CreateDirectory(MailDirectory);
        Directory.CreateDirectory(Artefacts);
        _api = StartApi(_port);
        Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        await WaitForHealthAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private Process StartApi(int port)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var api = Path.Combine(Repository, "src", "Api");
        var start = new ProcessStartInfo("dotnet", Path.Combine(api, "bin", configuration, "net10.0", "PortailFamille.Api.dll"))
        {
            WorkingDirectory = api, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = Url, ["ConnectionStrings__Portail"] = Connection,
                     ["Clock__Now"] = ClockStart, ["Demo__Seed"] = "false", ["Bootstrap__StaffEmail"] = StaffEmail,
                     ["Bootstrap__StaffPassword"] = StaffPassword, ["Mail__PickupDirectory"] = MailDirectory, ["Mail__Smtp__Host"] = "",
                     ["PayFiP__ReconcileAfter"] = "00:00:01", ["PayFiP__ReconcileEvery"] = "00:00:01", ["Logging__LogLevel__Default"] = "Warning",
                 })
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (ApiLog) ApiLog.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (ApiLog) ApiLog.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Restarts the API on the same database with its clock at that instant (a month ends, invoicing opens), as a commune's
    /// server would simply be later in the year. Pages reload; logins must be made again (the old tokens' clock is gone).
    /// </summary>
    public async Task TravelToAsync(string instant)
    {
        _api!.Kill(entireProcessTree: true);
        await _api.WaitForExitAsync();
        ClockStart = instant;
        _api = StartApi(_port);
        await WaitForHealthAsync();
    }

    private async Task WaitForHealthAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_api!.HasExited) throw new InvalidOperationException("The API stopped at start:\n" + ApiLog);
            try
            {
                if ((await Http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The API did not answer /health within 90 s:\n" + ApiLog);
    }

    public async Task<string> LoginAsync(string email, string password)
    {
        var answer = await Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var answer = await Http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)answer.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The activation or reset link e-mailed to that address (read from the .eml files).</summary>
    public async Task<string> LinkSentToAsync(string email, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.GetFiles(MailDirectory, "*.eml"))
            {
                var mail = await MimeKit.MimeMessage.LoadAsync(file);
                if (!mail.To.Mailboxes.Any(m => m.Address.Equals(email, StringComparison.OrdinalIgnoreCase))) continue;
                var link = Link().Match(mail.TextBody ?? "");
                if (link.Success && link.Value.Contains(path)) return link.Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No link {path} e-mailed to {email} within 20 s.");
    }

    [GeneratedRegex(@"https?://[^\s""<>]+token=[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    /// <summary>Every page axe-core looked at, with what it found (written to artifacts/browser/axe-report.md).</summary>
    public List<string> AxeReport { get; } = [];

    public virtual async Task DisposeAsync()
    {
        if (AxeReport.Count > 0)
            await File.WriteAllTextAsync(Path.Combine(Artefacts, AxeReportName),
                "# axe-core on every page of the portal\n\nImpact serious or critical fails the test; minor and moderate are listed.\n\n" +
                "| page | address | violations (impact) |\n| --- | --- | --- |\n" + string.Join("\n", AxeReport) + "\n");
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_api is { HasExited: false }) { _api.Kill(entireProcessTree: true); await _api.WaitForExitAsync(); }
        Http?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_adminConnection);
        await using var drop = admin.CreateCommand($"drop database if exists {_database} with (force)");
        await drop.ExecuteNonQueryAsync();
        if (Directory.Exists(MailDirectory)) Directory.Delete(MailDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortailFamille.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortailFamille.sln not found above the test folder.");
    }
}
