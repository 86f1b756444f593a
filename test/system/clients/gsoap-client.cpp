// A gSOAP client of ips-mock, written against what `wsdl2h` + `soapcpp2 -j -C` generate from any
// served WSDL (test/system/gsoap.test.ts). The typemap names the unversioned namespace `ips` and a
// version's namespace `ipsv`; the unversioned WSDL has only `ips` (build with -DUNVERSIONED).
// One line per result on stdout, the same lines as the JAX-WS client prints.
#include "soapIpsApiSoapBindingProxy.h"
#include "IpsApiSoapBinding.nsmap"
#include <iostream>

#ifdef UNVERSIONED
#define T(name) ips__##name
#define E(name) _ips__##name
#define NEW_T(name) soap_new_ips__##name
#define NEW_E(name) soap_new__ips__##name
#else
#define T(name) ipsv__##name
#define E(name) _ipsv__##name
#define NEW_T(name) soap_new_ipsv__##name
#define NEW_E(name) soap_new__ipsv__##name
#endif

static const char *company;

static _ips__authHeader *auth(soap *ctx, const char *user, const char *password) {
  _ips__authHeader *header = soap_new__ips__authHeader(ctx);
  header->user = user;
  header->password = password;
  header->appName = soap_new_std__string(ctx);
  *header->appName = "gsoap-client";
  header->appVersion = soap_new_std__string(ctx);
  *header->appVersion = "1.0";
  return header;
}

static E(submitJobParam) *publish(soap *ctx, const char *name, const char *emailSetting) {
  E(submitJobParam) *param = NEW_E(submitJobParam)(ctx);
  param->companyHandle = company;
  param->jobName = name;
  param->imageServingPublishJob = NEW_T(ImageServingPublishJob)(ctx);
  param->imageServingPublishJob->publishType = "Full";
  param->imageServingPublishJob->emailSetting = emailSetting;
  return param;
}

static E(submitJobParam) *uploadUrls(soap *ctx, const char *name) {
  E(submitJobParam) *param = NEW_E(submitJobParam)(ctx);
  param->companyHandle = company;
  param->jobName = name;
  T(UploadUrl) *url = NEW_T(UploadUrl)(ctx);
  url->sourceUrl = "https://images.example.test/a.jpg";
  url->destPath = "in/a.jpg";
  T(UploadUrlsJob) *job = NEW_T(UploadUrlsJob)(ctx);
  job->urlArray = NEW_T(UploadUrlArray)(ctx);
  job->urlArray->items.push_back(url);
  job->overwrite = true;
  job->readyForPublish = true;
  job->createMask = false;
  job->emailSetting = "None";
  param->uploadUrlsJob = job;
  return param;
}

/** Prints the typed fault detail gSOAP deserialised into the generated fault classes. */
static void fault(const char *label, IpsApiSoapBindingProxy &proxy, int status) {
  // SOAP 1.1 faults carry `detail`, SOAP 1.2 faults `SOAP-ENV:Detail`.
  SOAP_ENV__Fault *envelopeFault = proxy.soap->fault;
  SOAP_ENV__Detail *detail =
      envelopeFault ? (envelopeFault->detail ? envelopeFault->detail : envelopeFault->SOAP_ENV__Detail)
                    : NULL;
  if (status == SOAP_OK) {
    std::cout << label << " no fault" << std::endl;
  } else if (detail && detail->ips__authenticationFault) {
    std::cout << label << " authenticationFault " << detail->ips__authenticationFault->code << " "
              << detail->ips__authenticationFault->reason << std::endl;
  } else if (detail && detail->ips__authorizationFault) {
    std::cout << label << " authorizationFault " << detail->ips__authorizationFault->code << " "
              << detail->ips__authorizationFault->reason << std::endl;
  } else if (detail && detail->ips__ipsApiFault) {
    std::cout << label << " ipsApiFault " << detail->ips__ipsApiFault->code << " "
              << detail->ips__ipsApiFault->reason << std::endl;
  } else {
    std::cout << label << " untyped " << status << std::endl;
    proxy.soap_stream_fault(std::cerr);
  }
}

/** `text` with CR, LF and TAB written as backslash escapes, so a line shows them. */
static std::string visible(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

static int check(IpsApiSoapBindingProxy &proxy, int status) {
  if (status != SOAP_OK) {
    proxy.soap_stream_fault(std::cerr);
    std::exit(1);
  }
  return status;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  company = argv[2];
  IpsApiSoapBindingProxy proxy(SOAP_XML_STRICT);
  proxy.soap_endpoint = argv[1];
  std::cout << "address " << proxy.soap_endpoint << std::endl;
  std::cerr << "SOAP version " << proxy.soap->version << std::endl;
  soap *ctx = proxy.soap;

  E(submitJobReturn) submitted;
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  check(proxy, proxy.submitJob(publish(ctx, "gsoap publish", "Error"), submitted));
  std::cout << "submitted " << submitted.jobHandle << std::endl;
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  check(proxy, proxy.submitJob(uploadUrls(ctx, "gsoap urls"), submitted));
  std::cout << "submitted " << submitted.jobHandle << std::endl;

  proxy.soap_header(auth(ctx, "user@demo-co.test", "wrong"));
  fault("wrong-password", proxy, proxy.submitJob(publish(ctx, "x", "Error"), submitted));
  proxy.soap_header(auth(ctx, "portal@demo-co.test", "demo-portal-pass"));
  fault("role", proxy, proxy.submitJob(publish(ctx, "x", "Error"), submitted));
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  fault("enum", proxy, proxy.submitJob(publish(ctx, "x", "Sometimes"), submitted));

  E(getActiveJobsParam) *query = NEW_E(getActiveJobsParam)(ctx);
  query->companyHandle = soap_new_std__string(ctx);
  *query->companyHandle = company;
  E(getActiveJobsReturn) active;
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  check(proxy, proxy.getActiveJobs(query, active));
  for (T(ActiveJob) *job : active.jobArray->items) {
    std::cout << "active " << job->jobHandle << " " << job->type << " " << job->originalName
              << std::endl;
  }

  // A name holding CR LF, a lone CR, a TAB and the text "&#13;": the handle the mock answers,
  // as this stack read it, finds the job again.
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  check(proxy, proxy.submitJob(uploadUrls(ctx, "gsoap a\r\nb\rc\td &#13; e"), submitted));
  std::string handle = submitted.jobHandle;
  std::cout << "line-ends submitted " << visible(handle) << std::endl;
  E(getActiveJobsParam) *byHandle = NEW_E(getActiveJobsParam)(ctx);
  byHandle->companyHandle = soap_new_std__string(ctx);
  *byHandle->companyHandle = company;
  byHandle->jobHandle = soap_new_std__string(ctx);
  *byHandle->jobHandle = handle;
  E(getActiveJobsReturn) found;
  proxy.soap_header(auth(ctx, "user@demo-co.test", "demo-user-pass"));
  check(proxy, proxy.getActiveJobs(byHandle, found));
  for (T(ActiveJob) *job : found.jobArray->items) {
    std::cout << "line-ends found " << visible(job->jobHandle) << " " << visible(job->originalName)
              << std::endl;
  }
  proxy.destroy();
  return 0;
}
