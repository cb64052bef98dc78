using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Dip.PropTests")]
[assembly: InternalsVisibleTo("Dip.Bench")]
