//! argon2id password hashing. Hashing is CPU-heavy: call these from blocking threads only.

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::error::{ApiError, ApiResult};

/// argon2's working memory (19 MiB with the default parameters) is reserved with room for
/// 33 MiB. Why: once glibc has freed a mapping it raises its mmap threshold to that size (up to
/// a ceiling of 32 MiB) and serves later allocations of that size from its heaps, which stay
/// resident after they are freed — every thread that ever checked a password would keep 19 MiB
/// for good (measured: +39 MB of resident memory after one login). Above the ceiling the memory
/// is always a mapping of its own, returned to the system when the hash is done; only the pages
/// argon2 touches ever become resident.
const RESERVED_BLOCKS: usize = 33 * 1024;

/// Runs argon2 with working memory that is returned to the system afterwards.
fn compute(
    argon2: &Argon2<'_>,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let count = params.block_count();
    let mut blocks: Vec<Block> = Vec::with_capacity(count.max(RESERVED_BLOCKS));
    blocks.resize(count, Block::default());
    argon2.hash_password_into_with_memory(password, salt, out, &mut blocks[..])
}

/// An argon2id hash (default parameters, random 16-byte salt) in the PHC string format.
pub fn hash(password: &str) -> ApiResult<String> {
    use rand::RngCore;
    let failed =
        |e: &dyn std::fmt::Display| ApiError::Internal(format!("password hashing failed: {e}"));
    let params = Params::default();
    let (algorithm, version) = (Algorithm::Argon2id, Version::V0x13);
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut salt = [0u8; argon2::RECOMMENDED_SALT_LEN];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    compute(&argon2, &params, password.as_bytes(), &salt, &mut out).map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: algorithm.ident(),
        version: Some(version.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the PHC string `stored` (with the algorithm, version and
/// parameters written in it); the outputs are compared in constant time.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(phc) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&phc.salt, &phc.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(phc.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = phc
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let Ok(params) = Params::try_from(&phc) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    compute(&argon2, &params, password.as_bytes(), salt, &mut out).is_ok()
        && Output::new(&out).is_ok_and(|computed| &computed == expected)
}

/// A real hash of a random password, verified against when the username does not exist, so a
/// login for an unknown account costs the same time as one with a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&random_token(16)).unwrap_or_default())
}

/// A random URL-safe secret of `bytes` bytes, hex-encoded.
pub fn random_token(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// SHA-256 of a secret, for storing refresh tokens without keeping the token itself.
pub fn digest(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use argon2::{PasswordHasher, PasswordVerifier};

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horsE", &stored));
        assert!(!verify("correct horse", "not a phc string"));
    }

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_hasher_and_verifier() {
        // Hashes stored before this module did its own memory handling must keep working.
        let theirs = Argon2::default()
            .hash_password(b"stegvis-demo")
            .unwrap()
            .to_string();
        assert!(verify("stegvis-demo", &theirs));
        assert!(!verify("stegvis-dem0", &theirs));
        let ours = hash("stegvis-demo").unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"stegvis-demo", ours.as_str())
                .is_ok()
        );
    }
}
