namespace Dip.Engine.Random;

/// <summary>
/// Scalar reference for standard normal variates from a <see cref="RandomStream"/> (Box-Muller; Box &amp; Muller, 1958).
/// It defines the numbers; the vectorized <c>Normals</c> kernels are tested against it.
/// <para>float: normal k comes from block k/4; words (x0, x1) give z0 = r cos(2 pi u1), z1 = r sin(2 pi u1) with
/// r = sqrt(-2 ln u0), and (x2, x3) give z2, z3 likewise (u = <see cref="Uniform.Single"/>). |z| &lt;= 5.9 by construction.</para>
/// <para>double: normal k comes from block k/2; u0 = Uniform.Double(x0, x1), u1 = Uniform.Double(x2, x3), then
/// z0 = r cos(2 pi u1), z1 = r sin(2 pi u1). |z| &lt;= 8.6 by construction.</para>
/// </summary>
public static class NormalsReference
{
    /// <summary>Fills <paramref name="destination"/> with normals start, start+1, ... of <paramref name="stream"/> (float layout).</summary>
    public static void Fill(RandomStream stream, ulong start, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = Single(stream, start + (ulong)i);
    }

    /// <summary>Fills <paramref name="destination"/> with normals start, start+1, ... of <paramref name="stream"/> (double layout).</summary>
    public static void Fill(RandomStream stream, ulong start, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = Double(stream, start + (ulong)i);
    }

    /// <summary>Normal number <paramref name="index"/> of the stream in the float layout.</summary>
    public static float Single(RandomStream stream, ulong index)
    {
        var (x0, x1, x2, x3) = stream.Block(index >> 2);
        bool second = (index & 2) != 0;
        float radius = MathF.Sqrt(-2f * MathF.Log(Uniform.Single(second ? x2 : x0)));
        float angle = 2f * MathF.PI * Uniform.Single(second ? x3 : x1);
        return radius * ((index & 1) == 0 ? MathF.Cos(angle) : MathF.Sin(angle));
    }

    /// <summary>Normal number <paramref name="index"/> of the stream in the double layout.</summary>
    public static double Double(RandomStream stream, ulong index)
    {
        var (x0, x1, x2, x3) = stream.Block(index >> 1);
        double radius = Math.Sqrt(-2.0 * Math.Log(Uniform.Double(x0, x1)));
        double angle = 2.0 * Math.PI * Uniform.Double(x2, x3);
        return radius * ((index & 1) == 0 ? Math.Cos(angle) : Math.Sin(angle));
    }
}
