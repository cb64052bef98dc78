// The README's C# usage example; compiled with the solution, and ReadmeTests checks that the README shows this exact code.
// README-CSHARP-BEGIN
using Dip.Engine.Activations;
using Dip.Engine.Theory;

/// <summary>Mean-field point and stochastic-DIP couplings of tanh networks.</summary>
public static class ReadmeExample
{
    /// <summary>Prints q*, chi_1 and the couplings at (sigma_w^2, sigma_b^2) = (1.5, 0.05).</summary>
    public static void Run()
    {
        var point = new MeanField(Activation.Tanh, 1.5, 0.05).Solve();
        System.Console.WriteLine($"q* = {point.QStar:F4}, chi_1 = {point.Chi1:F4}, xi_c = {point.XiC:F1}");
        var couplings = Couplings.For(Activation.Tanh, 1.5, 0.05);
        System.Console.WriteLine($"r = {couplings.R}, h = {couplings.H}, D2 = {couplings.D2}: class {couplings.PredictedClass}");
        double critical = MeanField.CriticalSigmaW2(Activation.Tanh, 0.05);
        System.Console.WriteLine($"order-chaos line at sigma_b^2 = 0.05: sigma_w^2 = {critical:F5}");
    }
}
// README-CSHARP-END
