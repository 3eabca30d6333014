[assembly: AssemblyFixture(typeof(Hub.Testing.LocalInfrastructure))]
