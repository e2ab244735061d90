using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using PortailFamille.Api.Infrastructure;
using PortailFamille.Api.Payments;
using PortailFamille.Api.Tests.Money;
using PortailFamille.Api.Tests.Support;
using PortailFamille.Domain.Money;

namespace PortailFamille.Api.Tests.Payments;

/// <summary>Online payment against the PayFiP simulator, over HTTP: the portal's SOAP client, the simulator's page,
/// its notification and the scheduled reconciliation.</summary>
public class PaymentTests(AppFixture app) : MoneyTest(app)
{
    private sealed record Billed(TestFamily Family, Guid InvoiceId, int AmountCents);

    /// <summary>Durand's four October meals at 2.50 €, invoiced on 2 November: 10.00 € to pay.</summary>
    private async Task<Billed> InvoicedFamily(string name = "Durand")
    {
        await CreateActivity();
        var child = await EnrolledChild(name);
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-10-05", "book"), ("2026-10-06", "book"), ("2026-10-08", "book"), ("2026-10-09", "book"));
        SetNow(AfterOctober);
        var invoice = (await Invoice("2026-10", await StaffToken())).ShouldHaveSingleItem();
        return new Billed(child.Family with { Token = await Relogin(child.Family) }, Id(invoice, "invoiceId"), Cents(invoice, "amountCents"));
    }

    private async Task<(Guid PaymentId, string IdOp, JsonNode Answer)> StartPayment(Billed billed, int? amount = null)
    {
        var answer = (await Post("/api/payments", new { items = new[] { new { invoiceId = billed.InvoiceId, amountCents = amount ?? billed.AmountCents } } },
            billed.Family.Token, 201))!;
        var redirect = new Uri(answer["redirectUrl"]!.GetValue<string>());
        redirect.AbsolutePath.ShouldBe(PayFiPSimulatorPages.PagePath);
        return (Id(answer, "paymentId"), System.Web.HttpUtility.ParseQueryString(redirect.Query)["idop"]!, answer);
    }

    /// <summary>The parent's choice on the simulator's page; it notifies the portal unless told not to, then redirects.</summary>
    private async Task CompleteAtPayFiP(string idOp, string result, bool notify = true)
    {
        var page = await Host.Scenario(s => { s.Get.Url($"{PayFiPSimulatorPages.PagePath}?idop={idOp}"); s.StatusCodeShouldBe(200); });
        (await page.ReadAsTextAsync()).ShouldContain("Payer");
        await Host.Scenario(s =>
        {
            s.Post.Url($"{PayFiPSimulatorPages.PagePath}?idop={idOp}&result={result}{(notify ? "" : "&notify=0")}");
            s.StatusCodeShouldBe(302);
        });
    }

    private Task Notify(string idOp) => Host.Scenario(s =>
    {
        s.Post.FormData(new Dictionary<string, string> { ["idop"] = idOp }).ToUrl("/api/payfip/notification");
        s.StatusCodeShouldBe(200);
    });

    private async Task<string> StatusOf(Guid paymentId, string token) => (await Get($"/api/payments/{paymentId}", token))!["status"]!.GetValue<string>();

    private async Task<IReadOnlyList<PaymentReceived>> PaymentsOn(Guid invoiceId)
    {
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        return (await session.Events.FetchStreamAsync(invoiceId)).Select(e => e.Data).OfType<PaymentReceived>().ToList();
    }

    [Theory]
    [InlineData("P")]
    [InlineData("V")]
    public async Task A_payment_PayFiP_confirms_settles_the_invoice_and_the_balances(string resultrans)
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, answer) = await StartPayment(billed);
        answer["refdet"]!.GetValue<string>().ShouldMatch("^[A-Za-z0-9]{6,30}$");
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("pending");

        await CompleteAtPayFiP(idOp, resultrans);
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("paid");
        var received = (await PaymentsOn(billed.InvoiceId)).ShouldHaveSingleItem();
        (received.Method, received.AmountCents, received.PaymentId).ShouldBe(("payfip", 1000, paymentId));
        var invoice = (await Get("/api/account/invoices", billed.Family.Token))![0]!;
        (invoice["status"]!.GetValue<string>(), Cents(invoice, "balanceCents")).ShouldBe(("paid", 0));
        var account = (await Get("/api/account", billed.Family.Token))!;
        (Cents(account, "invoicesBalanceCents"), Cents(account, "familyBalanceCents")).ShouldBe((0, 0));
    }

    [Fact]
    public async Task One_payment_settles_several_invoices()
    {
        await CreateActivity();
        var child = await EnrolledChild("Durand");
        await Reserve(child.InscriptionId, child.Family.Token, ("2026-09-17", "book"), ("2026-09-18", "book"), ("2026-10-05", "book"));
        SetNow(Instant.FromUtc(2026, 10, 2, 8, 0));
        var september = (await Invoice("2026-09", await StaffToken())).ShouldHaveSingleItem();
        SetNow(AfterOctober);
        var october = (await Invoice("2026-10", await StaffToken())).ShouldHaveSingleItem();
        var token = await Relogin(child.Family);
        var answer = (await Post("/api/payments", new
        {
            items = new[]
            {
                new { invoiceId = Id(september, "invoiceId"), amountCents = 500 }, new { invoiceId = Id(october, "invoiceId"), amountCents = 250 },
            },
        }, token, 201))!;
        Cents(answer, "amountCents").ShouldBe(750);
        var idOp = System.Web.HttpUtility.ParseQueryString(new Uri(answer["redirectUrl"]!.GetValue<string>()).Query)["idop"]!;
        await CompleteAtPayFiP(idOp, "P");

        (await Get("/api/account/invoices", token))!.AsArray().Select(i => (i!["number"]!.GetValue<string>(), i["status"]!.GetValue<string>()))
            .ShouldBe([("2026-000002", "paid"), ("2026-000001", "paid")]);
        (await PaymentsOn(Id(september, "invoiceId"))).ShouldHaveSingleItem().AmountCents.ShouldBe(500);
        (await PaymentsOn(Id(october, "invoiceId"))).ShouldHaveSingleItem().AmountCents.ShouldBe(250);
        Cents((await Get("/api/account/inscriptions", token))![0], "paidCents").ShouldBe(750);
    }

    [Theory]
    [InlineData("R", "refused")]
    [InlineData("Z", "refused")]
    [InlineData("A", "cancelled")]
    public async Task A_refused_or_cancelled_payment_moves_no_money(string resultrans, string status)
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, resultrans);
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe(status);
        (await PaymentsOn(billed.InvoiceId)).ShouldBeEmpty();
        Cents((await Get("/api/account/invoices", billed.Family.Token))![0], "balanceCents").ShouldBe(1000);
        // Nothing pending any more: the parent can try again.
        await StartPayment(billed);
    }

    [Fact]
    public async Task The_attestation_fiscale_counts_exactly_the_confirmed_online_payments()
    {
        await CreateGarderie();
        var family = await NewFamily("Durand");
        var zoe = await AddChild(family.FamilyId, "Zoé", "2022-05-10", "F");
        var garderie = await Enrol(zoe, "GARDERIE");
        await Book(garderie, family.Token, "SOIR", "2026-10-05", "2026-10-06");
        SetNow(AfterOctober);
        var invoice = (await Invoice("2026-10", await StaffToken())).ShouldHaveSingleItem();
        var billed = new Billed(family with { Token = await Relogin(family) }, Id(invoice, "invoiceId"), Cents(invoice, "amountCents"));
        billed.AmountCents.ShouldBe(600);

        var (_, refused, _) = await StartPayment(billed);
        await CompleteAtPayFiP(refused, "R");
        (await PdfText("/api/attestations/fiscale/2026/pdf", billed.Family.Token)).ShouldNotContain("6,00 €");
        var (_, paid, _) = await StartPayment(billed);
        await CompleteAtPayFiP(paid, "P");
        var text = await PdfText("/api/attestations/fiscale/2026/pdf", billed.Family.Token);
        text.ShouldContain("6,00 €");
        Cents(await Get("/api/account", billed.Family.Token), "familyBalanceCents").ShouldBe(0);
    }

    [Fact]
    public async Task The_same_notification_ten_times_at_once_credits_once()
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, "P", notify: false);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Notify(idOp)));
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("paid");
        (await PaymentsOn(billed.InvoiceId)).Count.ShouldBe(1);
        Cents((await Get("/api/account/invoices", billed.Family.Token))![0], "paidCents").ShouldBe(1000);
    }

    [Fact]
    public async Task Notifications_racing_the_reconciliation_credit_once()
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, "V", notify: false);
        var reconciler = Host.Services.InCommune<PaymentReconciler>();
        await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(_ => new[] { Notify(idOp), reconciler.CheckAsync(paymentId, CancellationToken.None) }));
        (await PaymentsOn(billed.InvoiceId)).Count.ShouldBe(1);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Events.FetchStreamAsync(paymentId)).Count(e => e.Data is Domain.Payments.PaymentConfirmed).ShouldBe(1);
    }

    [Fact]
    public async Task A_notification_with_an_unknown_idop_answers_200_and_changes_nothing()
    {
        var billed = await InvoicedFamily();
        var (paymentId, _, _) = await StartPayment(billed);
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        var before = await session.Events.FetchStreamStateAsync(paymentId);
        await Notify("inconnu0123456789");
        await Host.Scenario(s => { s.Post.Url("/api/payfip/notification"); s.StatusCodeShouldBe(200); }); // no idop at all
        (await session.Events.FetchStreamStateAsync(paymentId))!.Version.ShouldBe(before!.Version);
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("pending");
    }

    [Fact]
    public async Task A_payment_whose_notification_never_comes_is_credited_by_the_schedule()
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, "P", notify: false);
        await Waiting.Until(async () => await StatusOf(paymentId, billed.Family.Token) == "paid", "the schedule credits the payment");
        (await PaymentsOn(billed.InvoiceId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_payment_never_completed_expires_once_PayFiP_forgets_its_idop()
    {
        var billed = await InvoicedFamily();
        var (paymentId, _, _) = await StartPayment(billed);
        Advance(Duration.FromMinutes(16)); // an idOp lives 15 minutes
        await Waiting.Until(async () => await StatusOf(paymentId, billed.Family.Token) == "expired", "the schedule expires the payment");
        await StartPayment(billed); // no longer pending: the whole balance can be paid again
    }

    [Fact]
    public async Task A_payment_PayFiP_could_not_start_leaves_its_key_free_and_the_invoice_unclaimed_for_the_retry()
    {
        var billed = await InvoicedFamily();
        async Task<(int Status, bool Replayed)> Pay()
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(new { items = new[] { new { invoiceId = billed.InvoiceId, amountCents = billed.AmountCents } } }).ToUrl("/api/payments");
                s.WithBearerToken(billed.Family.Token);
                s.WithRequestHeader("Idempotency-Key", "paiement-1");
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, result.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
        }
        App.PayFiPDown = true;
        (await Pay()).ShouldBe((503, false));
        App.PayFiPDown = false;
        // The claim taken and released on the way did not mark the key: the retry runs, and PayFiP answers now.
        (await Pay()).ShouldBe((201, false));
        (await Pay()).ShouldBe((201, true));
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Query<Domain.Payments.OnlinePayment>().CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Payment_choices_against_the_regie_rules_are_refused_with_nothing_recorded()
    {
        var billed = await InvoicedFamily();
        object One(int amount) => new { items = new[] { new { invoiceId = billed.InvoiceId, amountCents = amount } } };
        await Post("/api/payments", One(400), billed.Family.Token, 422); // partial payment not allowed by default
        await Post("/api/payments", One(1001), billed.Family.Token, 422); // more than the balance
        await Post("/api/payments", new { items = Array.Empty<object>() }, billed.Family.Token, 400);
        await Post("/api/payments", new { items = new[] { new { invoiceId = billed.InvoiceId, amountCents = 500 }, new { invoiceId = billed.InvoiceId, amountCents = 500 } } },
            billed.Family.Token, 400);
        await Post("/api/payments", One(0), billed.Family.Token, 400);
        await Post("/api/payments", new { items = new[] { new { invoiceId = Guid.NewGuid(), amountCents = 1000 } } }, billed.Family.Token, 404);
        var other = await NewFamily("Petit");
        await Post("/api/payments", One(1000), other.Token, 404);
        await Get($"/api/invoices/{billed.InvoiceId}/pdf", other.Token, 404);

        var regie = Host.Services.InCommune<CommuneSettings>().Regie;
        regie.PartialPaymentAllowed = true;
        await Post("/api/payments", One(99), billed.Family.Token, 422); // under PayFiP's 1.00 € minimum
        var (partialId, _, _) = await StartPayment(billed, 400);
        await Post("/api/payments", One(601), billed.Family.Token, 422); // 6.00 € left once the 4.00 € in progress is counted
        await Post($"/api/staff/invoices/{billed.InvoiceId}/payments", new { amountCents = 601, method = "cheque" }, await StaffToken(), 422);
        await StartPayment(billed, 600);
        await Get($"/api/payments/{partialId}", other.Token, 404);
        regie.PaymentAllowed = false;
        await Post("/api/payments", One(100), billed.Family.Token, 422);

        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Query<Domain.Payments.OnlinePayment>().CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task The_soap_service_answers_PayFiPs_faults_for_bad_fields_an_unknown_idop_and_an_unfinished_payment()
    {
        var client = Host.Services.GetRequiredService<PayFiPClient>();
        var request = new CreationPaiement
        {
            exer = "2026", mel = "parent@famille.test", montant = "1250", numcli = "012345", objet = "Factures 2026000001", refdet = "PF0123456789",
            saisie = "T", urlnotif = "https://portail.test/api/payfip/notification", urlredirect = "https://portail.test/",
        };
        var idOp = await client.CreateAsync(request);
        (await Should.ThrowAsync<PayFiPError>(() => client.DetailAsync(idOp))).Code.ShouldBe("P5");
        (await Should.ThrowAsync<PayFiPError>(() => client.DetailAsync("inconnu"))).Code.ShouldBe("P1");
        foreach (var bad in new[] { request with { refdet = "PF-01" }, request with { montant = "99" }, request with { objet = "Facture n°1" },
                     request with { numcli = "12345" }, request with { saisie = "Q" }, request with { mel = "a@b" } })
            (await Should.ThrowAsync<PayFiPError>(() => client.CreateAsync(bad))).Code.ShouldBe("P2");

        await CompleteAtPayFiP(idOp, "P", notify: false);
        var detail = await client.DetailAsync(idOp);
        (detail.resultrans, detail.montant, detail.refdet, detail.numcli).ShouldBe(("P", "1250", "PF0123456789", "012345"));
        detail.dattrans.ShouldBe("14092026");
        detail.numauto.ShouldMatch("^[0-9]{6}$");
    }

    [Fact]
    public async Task Two_payments_of_one_invoice_started_at_once_make_one_and_refuse_the_other_409()
    {
        var billed = await InvoicedFamily();
        var body = System.Text.Json.JsonSerializer.Serialize(new { items = new[] { new { invoiceId = billed.InvoiceId, amountCents = billed.AmountCents } } },
            AccessMatrix.Json);
        for (var round = 0; round < 3; round++)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                var result = await Host.Scenario(s =>
                {
                    s.Post.Text(body).ToUrl("/api/payments");
                    s.ConfigureHttpContext(c => c.Request.ContentType = "application/json");
                    s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString("N"));
                    s.WithBearerToken(billed.Family.Token);
                    s.IgnoreStatusCode();
                });
                return result.Context.Response.StatusCode;
            }));
            // The first round makes one payment; once it is recorded, later attempts see it pending (422, API.md).
            statuses.Count(s => s == 201).ShouldBe(round == 0 ? 1 : 0, $"round {round}");
            statuses.Count(s => s is 409 or 422).ShouldBe(round == 0 ? 1 : 2, $"round {round}");
        }
        await using var session = Host.DocumentStore().QuerySession(AppFixture.TenantId);
        (await session.Query<Domain.Payments.OnlinePayment>().CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_of_PayFiP_that_does_not_match_the_payment_credits_nothing_and_shows_in_health()
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, "P", notify: false);
        // PayFiP answers with another amount than the portal asked for.
        await using (var session = Host.DocumentStore().LightweightSession(AppFixture.TenantId))
        {
            var operation = (await session.LoadAsync<SimulatedPayFiPOperation>(idOp))!;
            operation.Request = operation.Request with { montant = "1" };
            session.Store(operation);
            await session.SaveChangesAsync();
        }
        await Notify(idOp);
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("pending");
        (await PaymentsOn(billed.InvoiceId)).ShouldBeEmpty();
        (await Get("/health", null))!["payfip"]!["mismatches"]!.GetValue<int>().ShouldBe(1);
        await Notify(idOp);
        (await PaymentsOn(billed.InvoiceId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_reconciliation_survives_the_database_going_away_and_credits_once()
    {
        var billed = await InvoicedFamily();
        var dataSource = Host.Services.CommuneDataSource();
        var killed = 0;
        // Right after PayFiP answers, before the portal records it: every database connection is cut.
        App.AfterPayFiPDetail = async () =>
        {
            await using var command = dataSource.CreateCommand(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
            await command.ExecuteScalarAsync();
            Interlocked.Increment(ref killed);
        };
        var (paymentId, idOp, _) = await StartPayment(billed);
        // No notification: the durable schedule reconciles, and a try of it loses every connection.
        await CompleteAtPayFiP(idOp, "P", notify: false);
        await Waiting.Until(() => Task.FromResult(Volatile.Read(ref killed) == 1), "the connections killed while reconciling");
        await Waiting.Until(async () =>
        {
            try { return await StatusOf(paymentId, billed.Family.Token) == "paid"; }
            catch (Exception e) when (e is not TimeoutException) { return false; }
        }, "the payment credited after the outage");
        (await PaymentsOn(billed.InvoiceId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_notification_is_answered_while_PayFiP_is_slow_to_answer_and_the_payment_is_credited_after()
    {
        var billed = await InvoicedFamily();
        var (paymentId, idOp, _) = await StartPayment(billed);
        await CompleteAtPayFiP(idOp, "P", notify: false);
        var payFiPAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // PayFiP's answers to the portal's questions (the notification's and the schedule's) are held until released.
        Func<Task>? hold = null;
        hold = () => { App.AfterPayFiPDetail = hold; return payFiPAnswers.Task; };
        App.AfterPayFiPDetail = hold;
        await Notify(idOp);
        (await StatusOf(paymentId, billed.Family.Token)).ShouldBe("pending");
        App.AfterPayFiPDetail = null;
        payFiPAnswers.SetResult();
        await Waiting.Until(async () => await StatusOf(paymentId, billed.Family.Token) == "paid", "the payment credited once PayFiP answered");
        (await PaymentsOn(billed.InvoiceId)).Count.ShouldBe(1);
    }

    /// <summary>What a third-party PayFiP client sends to check its configuration, byte for byte.</summary>
    private async Task<(int Status, string Body)> AskClientDetail(string numCli)
    {
        var envelope = $"""
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="{PayFiPSoap.Namespace}">
              <soapenv:Header/>
              <soapenv:Body><pai:recupererDetailClient><arg0><numCli>{numCli}</numCli></arg0></pai:recupererDetailClient></soapenv:Body>
            </soapenv:Envelope>
            """;
        var result = await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = "POST";
                c.Request.Path = "/payfip-simulator/services/securite";
                c.Request.ContentType = "text/xml; charset=utf-8";
                c.Request.Headers["SOAPAction"] = "\"\"";
                var bytes = System.Text.Encoding.UTF8.GetBytes(envelope);
                c.Request.Body = new MemoryStream(bytes);
                c.Request.ContentLength = bytes.Length;
            });
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task The_simulator_answers_recupererDetailClient_for_the_commune_s_client_number()
    {
        var (status, body) = await AskClientDetail("012345");
        status.ShouldBe(200);
        var detail = System.Xml.Linq.XDocument.Parse(body).Descendants("return").Single();
        detail.Element("numcli")!.Value.ShouldBe("012345");
        detail.Element("libelleN1")!.Value.ShouldBe("Mairie de Lézignan-la-Cèbe");
        detail.Element("libelleN2")!.Value.ShouldBe("Régie périscolaire de Lézignan-la-Cèbe");

        var (unknown, fault) = await AskClientDetail("999999");
        unknown.ShouldBe(500); // a SOAP fault, as PayFiP answers one
        fault.ShouldContain("FonctionnelleErreur");
        fault.ShouldContain("P2");
    }
}
