"""The bundled offline demo network: invented news sites served on loopback."""
