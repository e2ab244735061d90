using JasperFx.Events;
using Marten;
using Wolverine.Marten;

namespace PortailFamille.Api.Infrastructure;

/// <summary>Events for streams other than the endpoint's own aggregate, returned by a handler as one Marten side effect,
/// so they are written in the handler's transaction (Wolverine's <c>MartenOps</c> starts streams but does not append to
/// existing ones).</summary>
public sealed class OtherStreams : IMartenOp
{
    private readonly List<Action<IDocumentSession>> _writes = [];

    public OtherStreams Append(Guid streamId, IReadOnlyCollection<object> events)
    {
        if (events.Count > 0) _writes.Add(session => session.Events.Append(streamId, events));
        return this;
    }

    /// <summary>On a stream fetched for writing: its version is checked at commit, as for the endpoint's own aggregate.</summary>
    public OtherStreams Append<TAggregate>(IEventStream<TAggregate> stream, object e) where TAggregate : class
    {
        _writes.Add(_ => stream.AppendOne(e));
        return this;
    }

    public OtherStreams Start<TAggregate>(Guid streamId, object? first) where TAggregate : class
    {
        if (first is not null) _writes.Add(session => session.Events.StartStream<TAggregate>(streamId, first));
        return this;
    }

    public void Execute(IDocumentSession session)
    {
        foreach (var write in _writes) write(session);
    }
}
