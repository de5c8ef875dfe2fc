describe('login', () => {
  it('shows the form', () => {
    cy.visit('/login');
    cy.get('input[name=email]').should('be.visible');
  });
});
