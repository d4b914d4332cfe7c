namespace Ecosystem.EventStore;
