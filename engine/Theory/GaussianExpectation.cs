namespace Dip.Engine.Theory;

/// <summary>
/// Expectations over standard Gaussians, E f(z) = integral Dz f(z) and the 2-D analogue, by composite Gauss-Legendre
/// quadrature on z in [-12, 12] (the mass outside is below 1e-32) with panel edges at given breakpoints, so that
/// piecewise-smooth integrands (ReLU, hard-tanh) converge as fast as smooth ones. Smooth integrands reach ~1e-15.
/// </summary>
public static class GaussianExpectation
{
    private const double Range = 12.0;
    private const double PanelWidth = 0.5, PanelWidth2 = 1.0;
    private static readonly (double[] Nodes, double[] Weights) Legendre = GaussLegendre(12);

    /// <summary>E f(z), z ~ N(0, 1), with the integrand's non-smooth points at <paramref name="breakpoints"/> (in z).</summary>
    public static double Of(Func<double, double> f, IEnumerable<double>? breakpoints = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        double sum = 0;
        foreach (var (z, w) in Nodes(breakpoints, PanelWidth)) sum += w * f(z);
        return sum;
    }

    /// <summary>
    /// E f(z1, z2) over independent standard normals. <paramref name="breaks1"/> gives the breakpoints in z1;
    /// <paramref name="breaks2"/>(z1) the breakpoints in z2 for that z1.
    /// </summary>
    public static double Of2(Func<double, double, double> f, IEnumerable<double>? breaks1 = null, Func<double, IEnumerable<double>>? breaks2 = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        double sum = 0;
        foreach (var (z1, w1) in Nodes(breaks1, PanelWidth2))
        {
            double inner = 0;
            foreach (var (z2, w2) in Nodes(breaks2?.Invoke(z1), PanelWidth2)) inner += w2 * f(z1, z2);
            sum += w1 * inner;
        }
        return sum;
    }

    /// <summary>Quadrature nodes z and weights (Gaussian density included) with panel edges at the breakpoints and
    /// panels at most <paramref name="panelWidth"/> wide (12 Gauss-Legendre points each).</summary>
    public static IEnumerable<(double Z, double Weight)> Nodes(IEnumerable<double>? breakpoints, double panelWidth = PanelWidth)
    {
        var edges = new List<double> { -Range, Range };
        if (breakpoints is not null)
            foreach (double b in breakpoints)
                if (double.IsFinite(b) && b > -Range && b < Range) edges.Add(b);
        edges.Sort();
        var (x, w) = Legendre;
        for (int s = 0; s + 1 < edges.Count; s++)
        {
            double a = edges[s], b = edges[s + 1];
            if (b <= a) continue;
            int panels = Math.Max(1, (int)Math.Ceiling((b - a) / panelWidth));
            double h = (b - a) / panels;
            for (int p = 0; p < panels; p++)
            {
                double mid = a + (p + 0.5) * h, half = 0.5 * h;
                for (int k = 0; k < x.Length; k++)
                {
                    double z = mid + half * x[k];
                    yield return (z, half * w[k] * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI));
                }
            }
        }
    }

    /// <summary>Gauss-Legendre nodes and weights on [-1, 1] with <paramref name="m"/> points (m &gt;= 1).</summary>
    public static (double[] Nodes, double[] Weights) GaussLegendreRule(int m) =>
        m >= 1 ? GaussLegendre(m) : throw new ArgumentException($"a Gauss-Legendre rule needs m >= 1 points, got {m}", nameof(m));

    /// <summary>Gauss-Legendre nodes and weights on [-1, 1] (Newton iteration on the Legendre recurrence).</summary>
    private static (double[] Nodes, double[] Weights) GaussLegendre(int m)
    {
        var nodes = new double[m];
        var weights = new double[m];
        for (int i = 0; i < m; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (m + 0.5)), derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (int j = 2; j <= m; j++) (p0, p1) = (p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j);
                derivative = m * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16) break;
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }
}
