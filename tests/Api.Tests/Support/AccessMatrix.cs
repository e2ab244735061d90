using System.Text;
using Alba;

namespace PortailFamille.Api.Tests.Support;

public sealed record MatrixTokens(string Staff, string Kitchen, string Owner, string Other, string Driver);

/// <summary>
/// Every operation × {anonymous, kitchen, a shuttle's driver, parent of another family, the owning parent, staff}, checked against
/// the access rules: 401 anonymous, 403 wrong role, 404 another family's resource, never a 5xx, and nothing of
/// the owning family in another family's answers.
/// </summary>
public static class AccessMatrix
{
    public static async Task<(int Calls, List<string> Failures)> RunAsync(IAlbaHost host, IEnumerable<OperationSpec> operations,
        MatrixTokens tokens, CatalogIds ids, IReadOnlyList<string> secretsOfOwner, Func<Task<MatrixTokens>>? logInAgain = null)
    {
        var failures = new List<string>();
        var calls = 0;
        foreach (var op in operations)
        {
            // Staff last: some staff calls change what they touch (a period deleted, an e-mail changed).
            foreach (var (role, token) in new[] { ("anonymous", (string?)null), ("kitchen", tokens.Kitchen), ("driver", tokens.Driver), ("other-parent", tokens.Other),
                         ("owner-parent", tokens.Owner), ("staff", tokens.Staff) })
            {
                var (status, body) = await SendAsync(host, op, ids, token);
                calls++;
                var expected = Expect(op.Access, role);
                if (status >= 500 || !expected.Accepts(status))
                    failures.Add($"{op.Key} as {role}: {status}, expected {expected.Describe}");
                if (role == "other-parent" && status is >= 200 and < 300 && secretsOfOwner.FirstOrDefault(body.Contains) is { } secret)
                    failures.Add($"{op.Key} as {role}: leaks another family's data ({secret})");
            }
            if (op.EndsSessions)
                tokens = await (logInAgain ?? throw new InvalidOperationException($"{op.Key} ends sessions: give the matrix a way to log in again."))();
        }
        return (calls, failures);
    }

    private sealed record Expectation(Func<int, bool> Accepts, string Describe);

    private static readonly Expectation Any = new(_ => true, "any status");
    private static readonly Expectation Unauthorized = new(s => s == 401, "401");
    private static readonly Expectation Forbidden = new(s => s == 403, "403");
    private static readonly Expectation NotFound = new(s => s == 404, "404");
    private static readonly Expectation Allowed = new(s => s is not (401 or 403 or 404), "neither 401, 403 nor 404");

    private static Expectation Expect(Access access, string role) => (access, role) switch
    {
        (Access.Public, _) => Any,
        (_, "anonymous") => Unauthorized,
        (Access.Shared, _) => Allowed,
        (Access.StaffOrKitchen, "staff" or "kitchen") => Allowed,
        (Access.StaffOrDriver, "staff" or "driver") => Allowed,
        (Access.Staff, "staff") => Allowed,
        (Access.Staff or Access.StaffOrKitchen or Access.StaffOrDriver, _) => Forbidden,
        (Access.OwnerOrStaff, "staff" or "owner-parent") => Allowed,
        (Access.Parent or Access.ParentOwned, "owner-parent") => Allowed,
        (Access.Parent, "other-parent") => Allowed,
        (Access.ParentOwned or Access.OwnerOrStaff, "other-parent") => NotFound,
        _ => Forbidden,
    };

    public static async Task<(int Status, string Body)> SendAsync(IAlbaHost host, OperationSpec op, CatalogIds ids, string? token,
        string? pathValue = null, string? rawBody = null, string contentType = "application/json", string? correlationId = null, string? hostName = null)
    {
        var body = rawBody ?? op.RawBody ?? (op.Body?.Invoke(ids) is { } b ? System.Text.Json.JsonSerializer.Serialize(b, Json) : null);
        var result = await host.Scenario(s =>
        {
            s.ConfigureHttpContext(c =>
            {
                var url = OperationCatalog.Url(op, ids, pathValue);
                var query = url.IndexOf('?');
                c.Request.Method = op.Method;
                if (hostName is not null) c.Request.Host = new Microsoft.AspNetCore.Http.HostString(hostName);
                c.Request.Path = query < 0 ? url : url[..query];
                if (query >= 0) c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(url[query..]);
                if (body is not null)
                {
                    var bytes = Encoding.UTF8.GetBytes(body);
                    c.Request.ContentType = contentType;
                    c.Request.Body = new MemoryStream(bytes);
                    c.Request.ContentLength = bytes.Length;
                }
            });
            if (token is not null) s.WithBearerToken(token);
            if (correlationId is not null) s.WithRequestHeader("X-Correlation-Id", correlationId);
            s.IgnoreStatusCode();
        });
        var status = result.Context.Response.StatusCode;
        var text = await result.ReadAsTextAsync();
        if (status >= 400 && !(result.Context.Response.ContentType ?? "").StartsWith("application/problem+json"))
            text = "NOT-PROBLEM-JSON " + text;
        return (status, text);
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
