using System.Globalization;

namespace Dip.Engine.Activations;

/// <summary>Parses activation specifications (grammar in <see cref="Activation.Parse"/>).</summary>
internal static class ActivationParser
{
    public static Activation Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text = spec.Trim();
        if (text.Length == 0) throw new FormatException("activation specification is empty");
        int open = text.IndexOf('(');
        if (open >= 0)
        {
            if (!text.EndsWith(')'))
                throw new FormatException($"activation '{spec}': a composition must look like NAME(SPEC)");
            Activation outer = Parse(text[..open]);
            Activation inner = Parse(text[(open + 1)..^1]);
            return Activation.Compose(outer, inner);
        }
        if (text.StartsWith("poly:", StringComparison.OrdinalIgnoreCase))
            return Activation.Polynomial(ParseCoefficients(spec, text[5..]));
        return text.ToLowerInvariant() switch
        {
            "tanh" => Activation.Tanh,
            "relu" => Activation.Relu,
            "erf" => Activation.Erf,
            "linear" or "identity" => Activation.Linear,
            "hardtanh" or "hard-tanh" => Activation.HardTanh,
            "phi-d1" => Theory.DesignedActivations.PhiD1,
            "phi-d2" => Theory.DesignedActivations.PhiD2,
            _ => throw new FormatException(
                $"unknown activation '{text}' (expected tanh, relu, erf, linear, hardtanh, phi-d1, phi-d2, poly:a0,a1,... or NAME(SPEC))"),
        };
    }

    private static double[] ParseCoefficients(string spec, string list)
    {
        string[] parts = list.Split(',');
        var coefficients = new double[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!double.TryParse(parts[k].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out coefficients[k])
                || !double.IsFinite(coefficients[k]))
                throw new FormatException($"activation '{spec}': coefficient a{k} = '{parts[k].Trim()}' is not a finite number");
        }
        return coefficients;
    }
}
