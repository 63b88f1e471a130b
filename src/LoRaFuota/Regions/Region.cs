namespace LoRaFuota.Regions;

/// <summary>The LoRaWAN regions the planner knows (RP002-1.0.x).</summary>
public enum Region
{
    /// <summary>Europe, 863–870 MHz.</summary>
    EU868 = 0,

    /// <summary>United States, 902–928 MHz.</summary>
    US915,

    /// <summary>Australia, 915–928 MHz.</summary>
    AU915,

    /// <summary>AS923 group 1 (923.2/923.4 MHz default channels).</summary>
    AS923Group1,

    /// <summary>AS923 group 2 (−1.8 MHz).</summary>
    AS923Group2,

    /// <summary>AS923 group 3 (−6.6 MHz).</summary>
    AS923Group3,

    /// <summary>AS923 group 4 (−5.9 MHz).</summary>
    AS923Group4,

    /// <summary>India, 865–867 MHz.</summary>
    IN865,

    /// <summary>South Korea, 920–923 MHz.</summary>
    KR920,

    /// <summary>China, 470–510 MHz.</summary>
    CN470,

    /// <summary>Russia, 864–870 MHz.</summary>
    RU864,
}
