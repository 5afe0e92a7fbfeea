// cbor-x requires this inside try/catch and uses pure JavaScript decoding when it throws.
throw new Error("cbor-extract (native acceleration) is not installed in Baton");
