using NodaTime.Text;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;
using MimeKit;
using NodaTime;

namespace PortailFamille.Api.Tests.Support;

/// <summary>Base of the integration tests: a clean store per test and a small DSL that reads like the guide.</summary>
[Collection(ApiCollection.Name)]
public abstract partial class ApiTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    protected virtual IAlbaHost Host => App.Host;

    /// <summary>The tenant the test's own sessions open on, in Host's store.</summary>
    protected virtual string TenantId => AppFixture.TenantId;

    /// <summary>The host name requests are sent to (null: the test server's own, which the single commune answers on).</summary>
    protected string? HostName { get; set; }

    public virtual Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    protected void SetNow(Instant instant) => App.Clock.Reset(instant);

    protected void Advance(Duration duration) => App.Clock.Advance(duration);

    /// <summary>Sends a request and checks its status; returns the body as JSON (null when empty).</summary>
    protected async Task<JsonNode?> Call(HttpMethod method, string url, object? body, string? token, int status)
    {
        var result = await Host.Scenario(s =>
        {
            switch (method.Method)
            {
                case "GET": s.Get.Url(url); break;
                case "DELETE": s.Delete.Url(url); break;
                case "POST" when body is null: s.Post.Url(url); break;
                case "POST": s.Post.Json(body).ToUrl(url); break;
                case "PUT": s.Put.Json(body ?? new { }).ToUrl(url); break;
            }
            if (token is not null) s.WithBearerToken(token);
            OnHost(s);
            s.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        if (status >= 400) result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    protected Task<JsonNode?> Get(string url, string? token, int status = 200) => Call(HttpMethod.Get, url, null, token, status);
    protected Task<JsonNode?> Post(string url, object? body, string? token, int status) => Call(HttpMethod.Post, url, body, token, status);
    protected Task<JsonNode?> Put(string url, object body, string? token, int status = 204) => Call(HttpMethod.Put, url, body, token, status);
    protected Task<JsonNode?> Delete(string url, string? token, int status = 204) => Call(HttpMethod.Delete, url, null, token, status);

    /// <summary>The portal's own JSON rules, strict: a field the record lacks, or a word an enum does not know, fails the test.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Wire = WireOptions();

    private static System.Text.Json.JsonSerializerOptions WireOptions()
    {
        var options = new System.Text.Json.JsonSerializerOptions();
        Infrastructure.JsonSetup.Configure(options);
        // The API leaves nulls out of its answers: a missing optional field reads as null, an unknown one still fails.
        options.RespectRequiredConstructorParameters = false;
        return options;
    }

    /// <summary>A response read as the API's own record: the test reads what a client reads, field by field.</summary>
    protected static T As<T>(JsonNode? body) => System.Text.Json.JsonSerializer.Deserialize<T>(body, Wire) ?? throw new InvalidOperationException($"No {typeof(T).Name} in the body.");

    protected async Task<T> Get<T>(string url, string? token, int status = 200) => As<T>(await Get(url, token, status));
    protected async Task<T> Post<T>(string url, object? body, string? token, int status) => As<T>(await Post(url, body, token, status));

    /// <summary>Sends raw text (broken JSON, other content types).</summary>
    protected async Task<IScenarioResult> Raw(string method, string url, string body, string contentType, string? token, int status)
    {
        return await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = method;
                c.Request.Path = url;
                c.Request.ContentType = contentType;
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                c.Request.Body = new MemoryStream(bytes);
                c.Request.ContentLength = bytes.Length;
            });
            if (token is not null) s.WithBearerToken(token);
            OnHost(s);
            s.StatusCodeShouldBe(status);
        });
    }

    private void OnHost(Scenario s)
    {
        if (HostName is { } name) s.ConfigureHttpContext(c => c.Request.Host = new Microsoft.AspNetCore.Http.HostString(name));
    }

    protected async Task<string> Login(string email, string password)
    {
        var body = await Post("/api/auth/login", new { email, password }, null, 200);
        return body!["accessToken"]!.GetValue<string>();
    }

    private readonly Dictionary<string, (string Token, Instant IssuedAt, Instant ExpiresAt)> _staffTokens = new();

    /// <summary>The bootstrap staff's token, logged in once per test and commune while it is valid on the test's clock (a login
    /// hashes the password: the slowest step of most scenarios). xUnit makes a new instance per test, and each test starts
    /// from an empty store.</summary>
    protected async Task<string> StaffToken()
    {
        var commune = HostName ?? "";
        var now = App.Clock.GetCurrentInstant();
        if (_staffTokens.TryGetValue(commune, out var cached) && cached.IssuedAt <= now && now < cached.ExpiresAt - Duration.FromMinutes(1))
            return cached.Token;
        var body = await Post("/api/auth/login", new { email = AppFixture.StaffEmail, password = AppFixture.StaffPassword }, null, 200);
        var token = body!["accessToken"]!.GetValue<string>();
        _staffTokens[commune] = (token, now, InstantPattern.ExtendedIso.Parse(body["expiresAt"]!.GetValue<string>()).Value);
        return token;
    }

    /// <summary>A new staff login, for a test that ended the staff's sessions.</summary>
    protected Task<string> FreshStaffToken()
    {
        _staffTokens.Clear();
        return StaffToken();
    }

    /// <summary>Waits (bounded) for an e-mail to that address whose subject contains the text.</summary>
    protected async Task<MimeMessage> MailTo(string address, string subjectContains)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var mail = App.Smtp.Received.FirstOrDefault(m =>
                m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").Contains(subjectContains));
            if (mail is not null) return mail;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No e-mail to {address} about « {subjectContains} » within 20 s.");
    }

    protected static string TokenIn(MimeMessage mail) => TokenPattern().Match(mail.TextBody ?? "").Groups[1].Value;

    [GeneratedRegex("token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    protected static Guid Id(JsonNode? node, string field) => Guid.Parse(node![field]!.GetValue<string>());
}
