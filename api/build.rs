// New migration directories are not picked up by embed_migrations! unless cargo knows to rebuild.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
