// A JAX-WS RI client of ips-mock, written against the classes `wsimport -XadditionalHeaders -p ips`
// generates from any served WSDL (test/system/jaxws.test.ts). One line per result on stdout.
import ips.*;
import java.net.URL;
import javax.xml.ws.BindingProvider;
import com.sun.xml.ws.developer.SchemaValidationFeature;

public class JaxwsClient {
  static AuthHeader auth(String user, String password) {
    AuthHeader header = new AuthHeader();
    header.setUser(user);
    header.setPassword(password);
    header.setAppName("jaxws-client");
    header.setAppVersion("1.0");
    return header;
  }

  static SubmitJobParam publish(String company, String name, String emailSetting) {
    SubmitJobParam param = new SubmitJobParam();
    param.setCompanyHandle(company);
    param.setJobName(name);
    ImageServingPublishJob job = new ImageServingPublishJob();
    job.setPublishType("Full");
    job.setEmailSetting(emailSetting);
    param.setImageServingPublishJob(job);
    return param;
  }

  static SubmitJobParam uploadUrls(String company, String name) {
    SubmitJobParam param = new SubmitJobParam();
    param.setCompanyHandle(company);
    param.setJobName(name);
    UploadUrl url = new UploadUrl();
    url.setSourceUrl("https://images.example.test/a.jpg");
    url.setDestPath("in/a.jpg");
    UploadUrlArray urls = new UploadUrlArray();
    urls.getItems().add(url);
    UploadUrlsJob job = new UploadUrlsJob();
    job.setUrlArray(urls);
    job.setOverwrite(true);
    job.setReadyForPublish(true);
    job.setCreateMask(false);
    job.setEmailSetting("None");
    param.setUploadUrlsJob(job);
    return param;
  }

  interface Call {
    void run() throws Exception;
  }

  /** Runs a call that must fail, and prints the typed fault it got from the generated classes. */
  static void fault(String label, Call call) {
    try {
      call.run();
      System.out.println(label + " no fault");
    } catch (AuthenticationFault_Exception e) {
      System.out.println(label + " authenticationFault " + e.getFaultInfo().getCode() + " " + e.getFaultInfo().getReason());
    } catch (AuthorizationFault_Exception e) {
      System.out.println(label + " authorizationFault " + e.getFaultInfo().getCode() + " " + e.getFaultInfo().getReason());
    } catch (IpsApiFault_Exception e) {
      System.out.println(label + " ipsApiFault " + e.getFaultInfo().getCode() + " " + e.getFaultInfo().getReason());
    } catch (Exception e) {
      System.out.println(label + " untyped " + e);
    }
  }

  public static void main(String[] args) throws Exception {
    String wsdl = args[0];
    boolean validate = args[1].equals("validate");
    String company = args[2];
    IpsApiService service = new IpsApiService(new URL(wsdl));
    IpsApiPortType port = validate
        ? service.getIpsApiSoapPort(new SchemaValidationFeature())
        : service.getIpsApiSoapPort();
    System.out.println("address " + ((BindingProvider) port).getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY));
    AuthHeader user = auth("user@demo-co.test", "demo-user-pass");

    System.out.println("submitted " + port.submitJob(publish(company, "jaxws publish", "Error"), user).getJobHandle());
    System.out.println("submitted " + port.submitJob(uploadUrls(company, "jaxws urls"), user).getJobHandle());

    fault("wrong-password", () -> port.submitJob(publish(company, "x", "Error"), auth("user@demo-co.test", "wrong")));
    fault("role", () -> port.submitJob(publish(company, "x", "Error"), auth("portal@demo-co.test", "demo-portal-pass")));
    fault("enum", () -> port.submitJob(publish(company, "x", "Sometimes"), user));

    GetActiveJobsParam query = new GetActiveJobsParam();
    query.setCompanyHandle(company);
    for (ActiveJob job : port.getActiveJobs(query, user).getJobArray().getItems()) {
      System.out.println("active " + job.getJobHandle() + " " + job.getType() + " " + job.getOriginalName());
    }

    // A name holding CR LF, a lone CR, a TAB and the text "&#13;": the handle the mock answers,
    // as this stack read it, finds the job again.
    String handle = port.submitJob(uploadUrls(company, "jaxws a\r\nb\rc\td &#13; e"), user).getJobHandle();
    System.out.println("line-ends submitted " + visible(handle));
    GetActiveJobsParam byHandle = new GetActiveJobsParam();
    byHandle.setCompanyHandle(company);
    byHandle.setJobHandle(handle);
    for (ActiveJob job : port.getActiveJobs(byHandle, user).getJobArray().getItems()) {
      System.out.println("line-ends found " + visible(job.getJobHandle()) + " " + visible(job.getOriginalName()));
    }
  }

  /** `text` with CR, LF and TAB written as backslash escapes, so a line shows them. */
  static String visible(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
