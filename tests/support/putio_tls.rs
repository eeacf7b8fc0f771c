//! put.io's token endpoint, as rclone 1.60.1 reaches it: that release's put.io backend has no
//! `token_url` to point elsewhere, so the test stands where the network would be. rclone is
//! started with `HTTPS_PROXY` naming this proxy on 127.0.0.1 and `SSL_CERT_FILE` naming a CA the
//! test made; the proxy accepts `CONNECT api.put.io:443`, answers TLS with a certificate for
//! api.put.io from that CA, and plays put.io's `/v2/oauth2/access_token`. Nothing leaves the
//! machine, and the rclone under test is the real, unchanged one.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};

pub const ACCESS_TOKEN: &str = "PUTIO-BROWSER-ACCESS-5e21";

pub struct PutioTls {
    pub proxy: String,
    pub ca_file: PathBuf,
    requests: Arc<Mutex<Vec<String>>>,
}

impl PutioTls {
    /// Starts the proxy; the CA goes to `dir/putio-ca.pem`.
    pub fn start(dir: &Path) -> PutioTls {
        let (ca_pem, config) = certificates();
        let ca_file = dir.join("putio-ca.pem");
        std::fs::write(&ca_file, ca_pem).expect("writing the test CA");
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the put.io proxy");
        let proxy = format!("http://{}", listener.local_addr().expect("proxy address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let (config, seen) = (config.clone(), seen.clone());
                std::thread::spawn(move || {
                    if let Ok(request) = serve(stream, config) {
                        seen.lock().unwrap_or_else(|p| p.into_inner()).push(request);
                    }
                });
            }
        });
        PutioTls { proxy, ca_file, requests }
    }

    /// Every request put.io received: `CONNECT` target, then the request line and body.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// A CA and a certificate for api.put.io signed by it, as a rustls server config.
fn certificates() -> (String, Arc<rustls::ServerConfig>) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.distinguished_name.push(DnType::CommonName, "pluton test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::DigitalSignature];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key")).expect("CA cert");
    let leaf_key = KeyPair::generate().expect("leaf key");
    let leaf = CertificateParams::new(vec!["api.put.io".to_string()])
        .expect("leaf params")
        .signed_by(&leaf_key, &ca)
        .expect("leaf cert");
    let key = rustls::pki_types::PrivateKeyDer::try_from(leaf_key.serialize_der()).expect("leaf key DER");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .expect("server config");
    (ca.pem(), Arc::new(config))
}

/// One proxied connection: CONNECT, TLS, one HTTP request, put.io's answer.
fn serve(mut stream: TcpStream, config: Arc<rustls::ServerConfig>) -> std::io::Result<String> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20)))?;
    let connect = read_head(&mut BufReader::new(&mut stream))?;
    let target = connect.lines().next().unwrap_or_default().to_string();
    stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut reader = BufReader::new(&mut tls);
    let head = read_head(&mut reader)?;
    let length: usize = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let line = head.lines().next().unwrap_or_default().to_string();
    let answer = if line.starts_with("POST /v2/oauth2/access_token") {
        // put.io's tokens carry no expiry and no refresh token.
        format!(r#"{{"access_token":"{ACCESS_TOKEN}","token_type":"bearer"}}"#)
    } else {
        r#"{"error":"not_found"}"#.to_string()
    };
    let status = if answer.contains("error") { "404 Not Found" } else { "200 OK" };
    write!(
        tls,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    )?;
    tls.flush()?;
    tls.conn.send_close_notify();
    let _ = tls.flush();
    Ok(format!("{target}\n{line}\n{}", String::from_utf8_lossy(&body)))
}

fn read_head(reader: &mut impl BufRead) -> std::io::Result<String> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            return Ok(head);
        }
        head.push_str(&line);
    }
}
