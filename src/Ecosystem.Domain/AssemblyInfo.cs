namespace Ecosystem.Domain;
